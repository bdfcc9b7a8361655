"use client";

import type { DecodedCsr } from "@/lib/csr";
import { PSD2_ROLE_KEYS, type FieldKey } from "@/lib/sectigo/registry";
import { CSR_SUBJECT_FIELDS } from "@/lib/orders/model/prefill";
import { NcaPicker, Psd2Roles } from "./psd2-fields";
import { CsrStep } from "./csr-step";
import { FieldControl } from "./field-control";
import { ValidityStep } from "./product-step";
import { ReviewStep } from "./review-step";
import { STEPS, visibleFields, type StepDef, type StepId } from "./steps";
import type { WizardValues } from "./form-values";

type Values = WizardValues;

const isRole = (key: FieldKey) => (PSD2_ROLE_KEYS as readonly FieldKey[]).includes(key);

/** The body of every step but the first (ProductStep, which the wizard shows itself). */
export function StepBody(props: {
  step: StepDef;
  values: Values;
  csr: DecodedCsr | undefined;
  testModeAllowed: boolean;
  test: boolean;
  onTest: (v: boolean) => void;
  onEdit: (step: StepId, field?: string) => void;
}) {
  const { step, values, csr } = props;
  switch (step.id) {
    case "validity": {
      const token = visibleFields(step, values, csr).filter((f) => f.key === "smartCardBased");
      return (
        <ValidityStep>
          {token.map((f) => (
            <FieldControl key={f.key} name={f.key} rule={f.rule} />
          ))}
        </ValidityStep>
      );
    }
    case "csr":
      return <CsrStep />;
    case "review":
      return (
        <ReviewStep
          steps={STEPS}
          testModeAllowed={props.testModeAllowed}
          test={props.test}
          onTest={props.onTest}
          onEdit={props.onEdit}
        />
      );
    default: {
      const fields = visibleFields(step, values, csr);
      const advanced = visibleFields(step, values, csr, true);
      return (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((f) => {
              // The PSD2 authority and roles have their own controls; the name comes with the id.
              if (f.key === "ncaName") return null;
              if (f.key === "ncaId")
                return (
                  <div key={f.key} className="sm:col-span-2">
                    <NcaPicker required={f.rule === "required"} />
                  </div>
                );
              if (isRole(f.key)) {
                if (f.key !== fields.find((r) => isRole(r.key))?.key) return null;
                return (
                  <div key="psd2-roles" className="sm:col-span-2">
                    <Psd2Roles keys={fields.filter((r) => isRole(r.key)).map((r) => r.key)} />
                  </div>
                );
              }
              return (
                <div key={f.key} className={f.key === "domainNames" ? "sm:col-span-2" : undefined}>
                  <FieldControl
                    name={f.key}
                    rule={f.rule}
                    note={<CsrDifference field={f.key} values={values} csr={csr} />}
                  />
                </div>
              );
            })}
          </div>
          {advanced.length ? (
            <details className="rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold">
                Advanced options (usually left as they are)
              </summary>
              <div className="mt-3 grid gap-4 sm:grid-cols-2">
                {advanced.map((f) => (
                  <FieldControl key={f.key} name={f.key} rule={f.rule} />
                ))}
              </div>
            </details>
          ) : null}
        </div>
      );
    }
  }
}

/** Where the form and the CSR disagree, say so and what prioritiseCSRValues will do. */
function CsrDifference({
  field,
  values,
  csr,
}: {
  field: FieldKey;
  values: Values;
  csr: DecodedCsr | undefined;
}) {
  const attribute = CSR_SUBJECT_FIELDS[field];
  const fromCsr = attribute ? csr?.subject[attribute] : undefined;
  const typed = typeof values[field] === "string" ? (values[field] as string).trim() : "";
  if (!fromCsr) return null;
  if (!typed) return <span className="block">Your CSR contains “{fromCsr}”, which Sectigo will use.</span>;
  if (typed === fromCsr) return null;
  // Sectigo prefers the CSR's values only when asked to (prioritiseCSRValues=Y), as the schema does.
  const csrWins = values.prioritiseCSRValues === true;
  if (field === "organizationIdentifier" && !csrWins)
    return (
      <span className="block font-medium text-amber-800">
        Your CSR says “{fromCsr}”. The order must name the same identifier: change one of them, or tick
        “Prefer the values in the CSR”.
      </span>
    );
  return (
    <span className="block font-medium text-amber-800">
      Your CSR says “{fromCsr}”.{" "}
      {csrWins
        ? "With “Prefer the values in the CSR” on, Sectigo uses the CSR's value."
        : "Sectigo will use the value typed here."}
    </span>
  );
}
