import type { Metadata } from "next";
import { FilterForm } from "@/components/ui/filter-form";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { productOptions } from "@/components/orders/filter-options";
import { requireRole } from "@/lib/auth/guards";
import { dashboardFiltersSchema, periodOf } from "@/lib/dashboard/filters";
import { parseFilters, rawValues, type RawParams } from "@/lib/orders/model/search-params";
import { DashboardCharts } from "./dashboard-charts";

export const metadata: Metadata = { title: "Dashboard" };

const KEYS = ["from", "to", "product"] as const;

/** The admin's overview: orders, the funnel, the support queue, Sectigo, expiries, revenue. */
export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const admin = await requireRole("ADMIN");
  const values = rawValues(await searchParams, KEYS);
  const { filters, errors } = parseFilters(dashboardFiltersSchema, values);
  const period = periodOf(filters);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Dashboard</h1>
      <p className="mb-4 text-sm text-slate-600">
        From {period.from} to {period.to} (UTC)
        {period.product ? `, product ${period.product}` : ", all products"}.
      </p>
      <FilterForm
        key={JSON.stringify(values)}
        action="/admin"
        label="Dashboard period and product"
        submitLabel="Show"
        errors={errors}
        columns="sm:grid-cols-3"
      >
        <TextField
          id="from"
          name="from"
          type="date"
          label="From (UTC)"
          defaultValue={values.from ?? period.from}
          error={errors.from}
        />
        <TextField
          id="to"
          name="to"
          type="date"
          label="To (UTC, inclusive)"
          defaultValue={values.to ?? period.to}
          error={errors.to}
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
      <DashboardCharts user={admin} period={period} />
    </>
  );
}
