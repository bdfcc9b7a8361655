import Link from "next/link";
import { SelectField } from "@/components/ui/select-field";
import { customerStatusOptions, productOptions } from "@/components/orders/filter-options";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/field";
import type { CUSTOMER_FILTER_KEYS } from "@/lib/orders/model/search-params";

export type CustomerFilterValues = Partial<Record<(typeof CUSTOMER_FILTER_KEYS)[number], string>>;

/** Search and filters of "My orders": a GET form, so it works without JavaScript. */
export function CustomerOrderFilters({
  values,
  errors,
}: {
  values: CustomerFilterValues;
  errors: Record<string, string | undefined>;
}) {
  const items: SummaryItem[] = Object.entries(errors).flatMap(([field, message]) =>
    message ? [{ field, message }] : [],
  );
  return (
    <form
      // Fresh fields whenever the URL's filters change: "Clear" is a client-side navigation, and
      // uncontrolled fields would otherwise keep the old values for the next search.
      key={JSON.stringify(values)}
      method="get"
      action="/orders"
      role="search"
      aria-label="Search my orders"
      className="mb-4 space-y-3"
    >
      <ErrorSummary items={items} message={items.length ? "Some filters were not applied:" : undefined} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          id="q"
          name="q"
          type="search"
          label="Order number"
          hint="Your order number (EQ-…) or the Sectigo order number, or a part of it."
          defaultValue={values.q}
          maxLength={100}
          error={errors.q}
        />
        <SelectField
          id="status"
          name="status"
          label="Status"
          defaultValue={values.status ?? ""}
          options={customerStatusOptions}
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
      </div>
      <div className="flex gap-2">
        <Button type="submit">Search</Button>
        <Link
          href="/orders"
          className="text-brand-700 inline-flex min-h-10 items-center px-2 text-sm underline"
        >
          Clear
        </Link>
      </div>
    </form>
  );
}
