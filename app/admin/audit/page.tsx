import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/guards";
import { auditFiltersSchema, type AuditFilters as Filters } from "@/lib/audit/filters";
import { listAuditActions, listAuditEvents } from "@/lib/audit/queries";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTER_KEYS = ["action", "actor", "order", "request", "from", "to"] as const;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Applies the valid filters and reports the invalid ones, instead of ignoring the whole query. */
function parseFilters(raw: AuditFilterValues): { filters: Filters; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const first = auditFiltersSchema.safeParse(raw);
  if (first.success) return { filters: first.data, errors };
  const rest = { ...raw };
  for (const issue of first.error.issues) {
    const key = String(issue.path[0] ?? "");
    errors[key] ??= issue.message;
    delete rest[key as keyof AuditFilterValues];
  }
  const second = auditFiltersSchema.safeParse(rest);
  return { filters: second.success ? second.data : {}, errors };
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireRole("ADMIN");
  const params = await searchParams;
  const values: AuditFilterValues = Object.fromEntries(FILTER_KEYS.map((k) => [k, one(params[k])]));
  const { filters, errors } = parseFilters(values);
  const [page, actions] = await Promise.all([
    listAuditEvents(admin, filters, { after: one(params.after), before: one(params.before) }),
    listAuditActions(admin),
  ]);
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold">Audit log</h1>
      <p className="mb-4 text-sm text-slate-600">
        Every change made by staff, newest first. Entries cannot be edited or removed.
      </p>
      <AuditFilters values={values} actions={actions} errors={errors} />
      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          {filtered ? "No audit events match these filters." : "No audit events yet."}
        </p>
      ) : (
        <AuditTable
          rows={page.rows}
          caption={
            filtered ? "Audit events matching the filters, newest first" : "Audit events, newest first"
          }
        />
      )}
      <Pager
        basePath="/admin/audit"
        params={Object.fromEntries(FILTER_KEYS.map((k) => [k, errors[k] ? undefined : values[k]]))}
        after={page.after}
        before={page.before}
        label="Audit log pages"
      />
    </>
  );
}
