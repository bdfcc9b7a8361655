import { PSD2_ROLE_KEYS, type FieldKey } from "@/lib/sectigo/registry";

// Which order fields a company profile keeps, without the checks (profile-fields.ts): the
// wizard's first load needs the keys but not zod.

/** The order fields a profile keeps, in the order the profile form shows them. */
export const PROFILE_GROUPS = [
  { id: "company", title: "Company", keys: ["organizationName", "assumedName", "businessCategory"] },
  {
    id: "address",
    title: "Registered address",
    keys: [
      "streetAddress1",
      "streetAddress2",
      "streetAddress3",
      "postOfficeBox",
      "postalCode",
      "localityName",
      "stateOrProvinceName",
      "countryName",
    ],
  },
  {
    id: "identifiers",
    title: "Identifiers",
    keys: ["organizationIdentifier", "companyNumber", "dunsNumber"],
  },
  {
    id: "jurisdiction",
    title: "Jurisdiction of incorporation",
    keys: ["joiCountryName", "joiStateOrProvinceName", "joiLocalityName", "dateOfIncorporation"],
  },
  {
    id: "psd2",
    title: "PSD2 authorisation",
    keys: ["psd2AuthorisationNumber", "ncaId", "ncaName", ...PSD2_ROLE_KEYS],
  },
] as const satisfies readonly { id: string; title: string; keys: readonly string[] }[];

export type ProfileKey = (typeof PROFILE_GROUPS)[number]["keys"][number];

/** Profile keys that are order fields of the same name (all but the PSD2 authorisation number). */
export type ProfileOrderKey = Exclude<ProfileKey, "psd2AuthorisationNumber"> & FieldKey;

export const PROFILE_KEYS: readonly ProfileKey[] = PROFILE_GROUPS.flatMap((g) => g.keys);

export const PROFILE_ORDER_KEYS = PROFILE_KEYS.filter(
  (k): k is ProfileOrderKey => k !== "psd2AuthorisationNumber",
);

export type ProfileValues = Partial<Record<ProfileKey, string | boolean>>;
