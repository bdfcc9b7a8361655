import { PARAMS, type ParamDef } from "@/lib/sectigo/registry";
import { COUNTRIES } from "@/lib/sectigo/countries";
import type { ValidationRecord } from "@/lib/organizations/profile";

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function shown(key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (value === true) return "Yes";
  const def = (PARAMS as Record<string, ParamDef>)[key];
  if (def?.format === "country") return COUNTRIES.find((c) => c.code === value)?.name ?? String(value);
  return def?.values?.find((v) => v.value === value)?.label ?? String(value);
}

/**
 * What Sectigo validated, one entry per distinct set of values (its latest validation), newest
 * first: a set validated again on a later order is listed once.
 */
export function ValidationList({ records }: { records: ValidationRecord[] }) {
  const seen = new Set<string>();
  const sets = records.filter((r) => {
    const key = JSON.stringify(Object.entries(r.values).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (sets.length === 0)
    return (
      <p className="text-sm text-slate-600">
        Sectigo has not validated an order of this organization yet. Once it issues one, the values it
        validated are recorded here.
      </p>
    );
  return (
    <ul className="space-y-3">
      {sets.map((r) => (
        <li key={r.orderId} className="rounded-md border border-slate-200 p-3">
          <p className="font-medium">
            Validated by Sectigo on {day.format(r.validatedAt)} (order{" "}
            <span className="font-mono">{r.externalOrderNumber}</span>)
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer text-sm text-slate-700">Validated values</summary>
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,max-content)_1fr]">
              {Object.entries(r.values).map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-slate-600">
                    {(PARAMS as Record<string, ParamDef>)[key]?.label ?? key}
                  </dt>
                  <dd className="break-all">{shown(key, value)}</dd>
                </div>
              ))}
            </dl>
          </details>
        </li>
      ))}
    </ul>
  );
}
