import { adminStatusOptions, modeOptions, productOptions } from "@/components/orders/filter-options";
import { FilterForm } from "@/components/ui/filter-form";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { PAGE_SIZES, type ADMIN_FILTER_KEYS } from "@/lib/orders/model/search-params";

export type AdminFilterValues = Partial<Record<(typeof ADMIN_FILTER_KEYS)[number], string>>;

/** The filters of "All orders"; the sort rides along unchanged, the page size is a field. */
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
  return (
    <FilterForm
      // Uncontrolled fields keep their DOM value across a client-side navigation, so "Clear" (a
      // Link) left the old status selected and the next search used it. A key made of the URL's
      // filters gives the form fresh fields whenever they change; sorting changes none of them.
      key={JSON.stringify({ ...values, size })}
      action="/admin/orders"
      label="Filter orders"
      errors={errors}
      hidden={{ sort, dir: dir || undefined }}
      columns="sm:grid-cols-2 lg:grid-cols-4"
    >
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
    </FilterForm>
  );
}
