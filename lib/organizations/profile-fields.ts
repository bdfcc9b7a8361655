import { z } from "zod";
import { checkLegalIdentifier, parsePsdIdentifier } from "@/lib/eidas/identifiers";
import { ncaById } from "@/lib/eidas/nca";
import { PARAMS, PSD2_ROLE_KEYS, type ParamDef } from "@/lib/sectigo/registry";
import { normaliseParam } from "@/lib/sectigo/schema";
import { checkParamValue } from "@/lib/sectigo/validators";
import { PROFILE_KEYS, type ProfileKey, type ProfileValues } from "./profile-keys";

export * from "./profile-keys";

// A company profile holds the organization's own values of the order fields, under the order
// input's keys, and is checked by the same registry rows (labels, lengths, value lists, formats)
// and identifier rules as the wizard. Browser-safe: the profile form and the server action use
// this one schema.

/**
 * A company may hold a VAT or register identifier and, as a payment institution, a PSD2
 * authorisation number: both are the order's `organizationIdentifier` (the latter on PSD2
 * products, ETSI TS 119 495 §5.2.1), so the profile keeps them apart under their own keys.
 */
const PSD2_AUTHORISATION: ParamDef = {
  ...PARAMS.organizationIdentifier,
  label: "PSD2 authorisation number",
  help: "PSD, the authority's country, its code and your number, e.g. PSDBE-NBB-1234.567.890; used as organization identifier on PSD2 orders.",
};

/** The registry row behind each profile key (labels, limits, value lists). */
export function profileParam(key: ProfileKey): ParamDef {
  return key === "psd2AuthorisationNumber" ? PSD2_AUTHORISATION : PARAMS[key];
}

function refineProfile(values: Record<string, unknown>, ctx: z.RefinementCtx) {
  const issue = (key: ProfileKey, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
  const bad = new Set<ProfileKey>();
  for (const key of PROFILE_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    const problem = checkParamValue(profileParam(key), value);
    if (problem) {
      bad.add(key);
      issue(key, problem.message);
    }
  }
  const identifier = values.organizationIdentifier;
  if (typeof identifier === "string" && !bad.has("organizationIdentifier")) {
    const problem = checkLegalIdentifier(identifier);
    if (problem) issue("organizationIdentifier", `${problem.message} (${problem.rule})`);
  }

  const authorisation = values.psd2AuthorisationNumber;
  const ncaId = values.ncaId;
  const anyRole = PSD2_ROLE_KEYS.some((k) => values[k] === true);
  if (typeof authorisation === "string" && !bad.has("psd2AuthorisationNumber")) {
    const problem = parsePsdIdentifier(authorisation) ? checkLegalIdentifier(authorisation) : null;
    if (!parsePsdIdentifier(authorisation))
      issue(
        "psd2AuthorisationNumber",
        "Use PSD, the authority's country, its code and your number, e.g. PSDDE-BAFIN-123456 (ETSI TS 119 495 §5.2.1).",
      );
    else if (problem) issue("psd2AuthorisationNumber", `${problem.message} (${problem.rule})`);
  }
  if (typeof ncaId === "string" && !bad.has("ncaId") && !ncaById(ncaId))
    issue("ncaId", `${ncaId} is not on the EBA's list of PSD2 authorities, e.g. DE-BAFIN.`);
  // A PSD2 authorisation is the number, the authority that gave it and at least one role.
  const psd2Given =
    authorisation !== undefined || ncaId !== undefined || values.ncaName !== undefined || anyRole;
  if (psd2Given) {
    if (authorisation === undefined)
      issue(
        "psd2AuthorisationNumber",
        "Enter the PSD2 authorisation number, or leave the PSD2 section empty",
      );
    if (ncaId === undefined) issue("ncaId", "Enter the authority's ID, or leave the PSD2 section empty");
    if (!anyRole) issue(PSD2_ROLE_KEYS[0], "Select at least one PSD2 role, or leave the PSD2 section empty");
  }
  const psd = typeof authorisation === "string" ? parsePsdIdentifier(authorisation) : null;
  if (psd && typeof ncaId === "string" && ncaById(ncaId) && psd.ncaId !== ncaId)
    issue("ncaId", `The authorisation number ${authorisation} was given by ${psd.ncaId}, not ${ncaId}.`);
}

const shape = Object.fromEntries(
  PROFILE_KEYS.map((key) => [
    key,
    z.preprocess((raw) => normaliseParam(profileParam(key), raw), z.unknown()).optional(),
  ]),
) as unknown as Record<ProfileKey, z.ZodOptional<z.ZodType<unknown, unknown>>>;

/** A company profile as entered: every value checked, empty values and unticked roles dropped. */
export const profileValuesSchema = z
  .object(shape)
  .strip()
  .superRefine((values, ctx) => refineProfile(values as Record<string, unknown>, ctx))
  .transform((values): ProfileValues => {
    const out: ProfileValues = {};
    for (const key of PROFILE_KEYS) {
      const value = (values as Record<string, unknown>)[key];
      if (value === undefined || value === false) continue;
      out[key] = value as string | boolean;
    }
    return out;
  });

/** A stored profile's values, read back leniently (only known keys and primitive values). */
export function storedProfileValues(raw: unknown): ProfileValues {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const out: ProfileValues = {};
  for (const key of PROFILE_KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === "string" || typeof value === "boolean") out[key] = value;
  }
  return out;
}
