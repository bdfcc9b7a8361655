import Link from "next/link";
import { SelectField } from "@/components/ui/select-field";
import { adminStatusOptions, modeOptions, productOptions } from "@/components/orders/filter-options";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import { PAGE_SIZES, type ADMIN_FILTER_KEYS } from "@/lib/orders/model/search-params";

export type AdminFilterValues = Partial<Record<(typeof ADMIN_FILTER_KEYS)[number], string>>;

/**
 * A plain GET form: the filters live in the URL, so they work without JavaScript, survive a
 * reload and can be shared. The sort and page size ride along as hidden fields; the cursor does
 * not, as new filters start again at the first page.
 */
export function AdminOrderFilters({
  values,
  errors,
  sort,
  dir,
  size,
}: {
  values: AdminFilterValues;
  errors: Record<string, string | undefined>;
  sort: string;
  dir?: string;
  size: number;
}) {
  const items: SummaryItem[] = Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ field, message }] : [],
  );
  return (
    <form
      // Uncontrolled fields keep their DOM value across a client-side navigation, so "Clear" (a
      // Link) left the old status selected and the next search used it. A key made of the URL's
      // filters gives the form fresh fields whenever they change; sorting changes none of them.
      key={JSON.stringify({ ...values, size })}
      method="get"
      action="/admin/orders"
      role="search"
      aria-label="Filter orders"
      className="mb-4 space-y-3"
    >
      <ErrorSummary items={items} message={items.length ? "Some filters were not applied:" : undefined} />
      <input type="hidden" name="sort" value={sort} />
      {dir ? <input type="hidden" name="dir" value={dir} /> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          id="q"
          name="q"
          type="search"
          label="Search"
          hint="Order or Sectigo number, organization, common name or customer e-mail."
          defaultValue={values.q}
          maxLength={100}
          error={errors.q}
          className="sm:col-span-2"
        />
        <SelectField
          id="status"
          name="status"
          label="Status"
          defaultValue={values.status ?? ""}
          options={adminStatusOptions}
          error={errors.status}
        />
        <SelectField
          id="product"
          name="product"
          label="Product"
          defaultValue={values.product ?? ""}
          options={productOptions}
          error={errors.product}
        />
        <TextField
          id="customer"
          name="customer"
          type="email"
          label="Customer e-mail"
          defaultValue={values.customer}
          maxLength={254}
          error={errors.customer}
        />
        <TextField
          id="from"
          name="from"
          type="date"
          label="Created from (UTC)"
          defaultValue={values.from}
          error={errors.from}
        />
        <TextField
          id="to"
          name="to"
          type="date"
          label="Created to (UTC, inclusive)"
          defaultValue={values.to}
          error={errors.to}
        />
        <SelectField
          id="mode"
          name="mode"
          label="Test or live"
          defaultValue={values.mode ?? ""}
          options={modeOptions}
          error={errors.mode}
        />
        <SelectField
          id="size"
          name="size"
          label="Rows per page"
          defaultValue={String(size)}
          options={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
        />
      </div>
      <div className="flex gap-2">
        <Button type="submit">Filter</Button>
        <Link
          href="/admin/orders"
          className="text-brand-700 inline-flex min-h-10 items-center px-2 text-sm underline"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
