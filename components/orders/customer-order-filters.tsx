import { customerStatusOptions, productOptions } from "@/components/orders/filter-options";
import { FilterForm } from "@/components/ui/filter-form";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
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
  return (
    <FilterForm
      // Fresh fields whenever the URL's filters change: "Clear" is a client-side navigation, and
      // uncontrolled fields would otherwise keep the old values for the next search.
      key={JSON.stringify(values)}
      action="/orders"
      label="Search my orders"
      submitLabel="Search"
      errors={errors}
      columns="sm:grid-cols-3"
    >
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
    </FilterForm>
  );
}
