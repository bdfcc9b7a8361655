"use client";

import { useEffect, useState } from "react";
import { useFormContext } from "react-hook-form";
import { previewRequestAction } from "../actions";
import { decodeCsr } from "@/lib/csr";
import { PARAMS, type ParamDef } from "@/lib/sectigo/registry";
import { getProduct } from "@/lib/sectigo/products";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { describeDays } from "@/lib/prices/days";
import { QuoteSummary } from "./quote-summary";
import { csrOfInput, withoutForbidden } from "@/lib/orders/model/input";
import { KeyLocationNote } from "./key-location-note";
import { ProfileDifferences } from "./profile-differences";
import { keyMustBeKept } from "./key-policy";
import { forProduct, visibleFields, type StepDef, type StepId } from "./steps";
import type { WizardValues } from "./form-values";

function display(key: string, value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  const def = (PARAMS as Record<string, ParamDef>)[key];
  if (key === "product") return getProduct(value)?.name ?? String(value);
  if (key === "days" && typeof value === "number") return describeDays(value);
  if (key === "csr" && typeof value === "string") {
    const decoded = decodeCsr(value);
    return decoded.ok ? `CSR for ${decoded.csr.subjectDn || "(empty subject)"}` : "CSR (not readable)";
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.join(", ");
  if (def?.format === "country") return COUNTRIES.find((c) => c.code === value)?.name ?? String(value);
  const option = def?.values?.find((v) => v.value === String(value));
  return option ? option.label : String(value);
}

/** Every answer grouped by step with an edit link, and exactly what goes to Sectigo. */
export function ReviewStep(props: {
  steps: readonly StepDef[];
  testModeAllowed: boolean;
  test: boolean;
  onTest: (v: boolean) => void;
  onEdit: (step: StepId, field?: string) => void;
}) {
  const { getValues } = useFormContext<WizardValues>();
  const values = withoutForbidden(getValues());
  const csr = csrOfInput(values);
  const [preview, setPreview] = useState<{ name: string; value: string }[] | null>(null);
  const [previewError, setPreviewError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    void previewRequestAction(undefined, { input: getValues(), test: props.test }).then((result) => {
      if (cancelled) return;
      if (result.ok && result.data) setPreview(result.data.params);
      else setPreviewError(result.ok ? undefined : result.message);
    });
    return () => {
      cancelled = true;
    };
  }, [getValues, props.test]);

  return (
    <div className="space-y-6">
      {props.steps
        .filter((s) => s.id !== "review")
        .map((s) => forProduct(s, values))
        .map((s) => {
          const fields = [...visibleFields(s, values, csr), ...visibleFields(s, values, csr, true)].filter(
            (f) => f.key === "product" || f.key === "days" || f.key === "csr" || values[f.key] !== undefined,
          );
          if (fields.length === 0) return null;
          return (
            <section
              key={s.id}
              aria-labelledby={`review-${s.id}`}
              className="rounded-md border border-slate-200 p-3"
            >
              <div className="flex items-center justify-between gap-2">
                <h3 id={`review-${s.id}`} className="font-semibold">
                  {s.title}
                </h3>
                <button
                  type="button"
                  className="text-brand-700 text-sm font-semibold underline"
                  onClick={() => props.onEdit(s.id, fields[0]?.key)}
                  aria-label={`Edit ${s.title}`}
                >
                  Edit
                </button>
              </div>
              <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(10rem,max-content)_1fr]">
                {fields.map((f) => (
                  <div key={f.key} className="contents">
                    <dt className="text-slate-600">
                      {(PARAMS as Record<string, ParamDef>)[f.key]?.label ?? f.key}
                    </dt>
                    <dd className="break-all">{display(f.key, values[f.key])}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}

      <ProfileDifferences values={values} />
      <QuoteSummary />

      <KeyLocationNote csr={values.csr} token={!keyMustBeKept(values)} />

      {props.testModeAllowed ? (
        <div className="flex items-start gap-3 rounded-md border border-slate-200 p-3">
          <input
            id="test-order"
            type="checkbox"
            className="mt-1 size-4"
            checked={props.test}
            onChange={(e) => props.onTest(e.target.checked)}
            aria-describedby="test-order-hint"
          />
          <div>
            <label htmlFor="test-order" className="text-sm font-medium">
              Test order (not billed)
            </label>
            <p id="test-order-hint" className="text-xs text-slate-600">
              Sectigo issues test orders from an untrusted test chain; use it to try the process.
            </p>
          </div>
        </div>
      ) : null}

      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-semibold">Parameters sent to Sectigo</summary>
        <p className="mt-2 text-xs text-slate-600">
          Exactly what the portal sends to Sectigo&apos;s AutoApplyOrder API for this order. The reseller
          account&apos;s credentials are added by the server and never shown.
        </p>
        {previewError ? <p className="mt-2 text-sm text-red-700">{previewError}</p> : null}
        {preview ? (
          <table className="mt-2 w-full text-left text-xs">
            <caption className="sr-only">Parameters sent to Sectigo</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Parameter
                </th>
                <th scope="col" className="py-1">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.map((p) => (
                <tr key={p.name} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-3 font-mono">{p.name}</td>
                  <td className="py-1 font-mono break-all">
                    {p.value.length > 120
                      ? `${p.value.slice(0, 60)}… (${p.value.length} characters)`
                      : p.value}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : previewError ? null : (
          <p className="mt-2 text-sm">Loading…</p>
        )}
      </details>
    </div>
  );
}
