"use client";

import {
  profileDifferences,
  validatedDifferences,
  type OrderValue,
  type ValueDifference,
} from "@/lib/organizations/profile-diff";
import { PARAMS, type FieldKey, type ParamDef } from "@/lib/sectigo/registry";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { useOrderOrganization } from "./organization-profile";

// The review step's comparison of the order with its company's profile and with the values
// Sectigo last validated for the company (loaded with the later steps).

function shown(key: FieldKey, value: OrderValue | null): string {
  if (value === null) return "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (Array.isArray(value)) return value.join(", ");
  const def: ParamDef = PARAMS[key];
  if (def.format === "country") return COUNTRIES.find((c) => c.code === value)?.name ?? value;
  return def.values?.find((v) => v.value === value)?.label ?? value;
}

function DifferenceList({ items, testId }: { items: ValueDifference[]; testId: string }) {
  return (
    <ul className="mt-1 list-disc pl-5" data-testid={testId}>
      {items.map((d) => (
        <li key={d.key} className="break-words">
          {d.label}: {shown(d.key, d.before)} → {shown(d.key, d.after)}
        </li>
      ))}
    </ul>
  );
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** On the review step: the order's values that differ from the profile and from the last validation. */
export function ProfileDifferences({ values }: { values: Record<string, unknown> }) {
  const organization = useOrderOrganization();
  if (!organization) return null;
  const fromProfile = profileDifferences(organization.profile, values);
  const last = organization.lastValidation;
  const fromValidated = last ? validatedDifferences(last.values, values) : [];
  return (
    <section aria-labelledby="review-organization-profile" className="rounded-md border border-slate-200 p-3">
      <h3 id="review-organization-profile" className="font-semibold">
        Company profile of {organization.name}
      </h3>
      {fromProfile.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">
          {Object.keys(organization.profile).length === 0
            ? "This organization has no company profile yet."
            : "The organization details match your company profile."}
        </p>
      ) : (
        <div className="mt-1 text-sm">
          <p>These values differ from your company profile:</p>
          <DifferenceList items={fromProfile} testId="profile-differences" />
        </div>
      )}
      {last && fromValidated.length > 0 ? (
        <div role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-semibold">
            Differs from what Sectigo validated on {day.format(new Date(last.validatedAt))} (order{" "}
            {last.externalOrderNumber}):
          </p>
          <DifferenceList items={fromValidated} testId="validated-differences" />
          <p className="mt-1">
            Sectigo may need to validate these values again, which can make this order take longer.
          </p>
        </div>
      ) : null}
    </section>
  );
}
