"use client";

import { useState } from "react";
import { useFormContext, useWatch, type FieldErrors } from "react-hook-form";
import { FieldFrame } from "@/components/ui/field";
import { ncaById, NCAS } from "@/lib/eidas/nca";
import { PSD2_ROLE_KEYS, type FieldKey } from "@/lib/sectigo/registry";
import type { WizardValues } from "./form-values";

// The PSD2 part of the details step: the authority chosen from the EBA's list (its id and English
// name set together, with the authorisation number's form for it), and the four roles as one
// group that asks for at least one (ETSI TS 119 495 §5.1), each said in a line.

const ROLE_TEXT: Record<(typeof PSD2_ROLE_KEYS)[number], { name: string; does: string }> = {
  psd2RoleAccountServicing: {
    name: "Account servicing (PSP_AS)",
    does: "You hold payment accounts for customers, as a bank does.",
  },
  psd2RolePaymentInitiation: {
    name: "Payment initiation (PSP_PI)",
    does: "You start payments from a customer's account at another bank, at the customer's request.",
  },
  psd2RoleAccountInformation: {
    name: "Account information (PSP_AI)",
    does: "You read a customer's account data at other banks, with the customer's consent.",
  },
  psd2RoleIssuingCardBased: {
    name: "Issuing card-based payment instruments (PSP_IC)",
    does: "You issue cards that pay from accounts held at another bank.",
  },
};

function messageOf(errors: FieldErrors<WizardValues>, key: FieldKey): string | undefined {
  const entry = errors[key] as { message?: unknown } | undefined;
  return typeof entry?.message === "string" ? entry.message : undefined;
}

/** The four role flags as one group; its error (at least one) belongs to the group. */
export function Psd2Roles({ keys }: { keys: readonly FieldKey[] }) {
  const { register, formState } = useFormContext<WizardValues>();
  const error = keys.map((k) => messageOf(formState.errors, k)).find(Boolean);
  const roles = PSD2_ROLE_KEYS.filter((k) => keys.includes(k));
  return (
    <fieldset
      className="rounded-md border border-slate-200 p-3"
      aria-describedby={`psd2-roles-hint${error ? " psd2-roles-error" : ""}`}
      aria-invalid={error ? true : undefined}
    >
      <legend className="px-1 text-sm font-medium text-slate-800">
        PSD2 roles <span className="text-red-700">(choose at least one)</span>
      </legend>
      <p id="psd2-roles-hint" className="text-xs text-slate-600">
        The roles your authority authorised you for; the certificate states them.
      </p>
      {error ? (
        <p id="psd2-roles-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-2 space-y-2">
        {roles.map((key) => (
          <div key={key} className="flex items-start gap-3">
            <input
              type="checkbox"
              id={key}
              className="mt-1 size-4"
              aria-describedby={`${key}-does`}
              {...register(key)}
            />
            <div>
              <label htmlFor={key} className="text-sm font-medium text-slate-800">
                {ROLE_TEXT[key].name}
              </label>
              <p id={`${key}-does`} className="text-xs text-slate-600">
                {ROLE_TEXT[key].does}
              </p>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

const inputClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 ${
    invalid ? "border-red-600" : "border-slate-300"
  }`;

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
const countryOf = (code: string) => regionNames.of(code) ?? code;
// The list as the EBA publishes it, shown by country name.
const BY_COUNTRY = [...NCAS].sort((a, b) => countryOf(a.country).localeCompare(countryOf(b.country)));

/** The authority from the EBA's list: id and English name together, searchable. */
export function NcaPicker({ required }: { required: boolean }) {
  const { register, setValue, formState, control } = useFormContext<WizardValues>();
  const [search, setSearch] = useState("");
  const chosen = useWatch({ control, name: "ncaId" });
  const nca = typeof chosen === "string" ? ncaById(chosen) : undefined;
  const error = messageOf(formState.errors, "ncaId");
  const words = search.trim().toLowerCase();
  const shown = BY_COUNTRY.filter(
    (n) =>
      n.id === chosen || !words || `${n.id} ${n.name} ${countryOf(n.country)}`.toLowerCase().includes(words),
  );
  const field = register("ncaId", {
    onChange: (event: { target: { value: string } }) =>
      setValue("ncaName", ncaById(event.target.value)?.name ?? "", { shouldDirty: true }),
  });
  const hint = nca
    ? `Name in the certificate: ${nca.name}. Your authorisation number goes into the organization identifier as ${
        nca.example ?? `PSD${nca.id}-<your number as in the authority's register>`
      }.`
    : "The authority that authorised you under PSD2, from the list the EBA publishes for eIDAS certificates.";
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor="nca-search" className="block text-sm font-medium text-slate-800">
          Search the authorities
        </label>
        <input
          id="nca-search"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Country, name or code, e.g. BaFin"
          aria-controls="ncaId"
          className={inputClass(false)}
        />
      </div>
      <FieldFrame
        id="ncaId"
        label={
          <>
            National Competent Authority{" "}
            {required ? (
              <span className="text-red-700">(required)</span>
            ) : (
              <span className="text-slate-500">(optional)</span>
            )}
          </>
        }
        hint={<span aria-live="polite">{hint}</span>}
        error={error}
      >
        <select
          id="ncaId"
          className={inputClass(Boolean(error))}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={`ncaId-hint${error ? " ncaId-error" : ""}`}
          {...field}
        >
          <option value="">
            {shown.length ? "Choose your authority…" : "No authority matches the search"}
          </option>
          {typeof chosen === "string" && chosen && !nca ? (
            <option value={chosen}>{chosen} (not on the EBA&rsquo;s list)</option>
          ) : null}
          {shown.map((n) => (
            <option key={n.id} value={n.id}>
              {countryOf(n.country)}: {n.name} ({n.id})
            </option>
          ))}
        </select>
      </FieldFrame>
    </div>
  );
}
