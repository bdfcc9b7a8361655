import { describe, expect, test } from "vitest";
import { getProduct } from "@/lib/sectigo/products";
import {
  profileDifferences,
  profileOrderValues,
  validatedDifferences,
  validatedValuesOf,
} from "./profile-diff";
import { profileValuesSchema, storedProfileValues } from "./profile-fields";

const PROFILE = {
  organizationName: "Example GmbH",
  countryName: "DE",
  organizationIdentifier: "NTRDE-HRB12345",
  joiCountryName: "DE",
  psd2AuthorisationNumber: "PSDDE-BAFIN-123456",
  ncaId: "DE-BAFIN",
  psd2RoleAccountInformation: true,
};

describe("profile values", () => {
  test("form strings are normalised; empty values and unticked roles dropped", () => {
    const parsed = profileValuesSchema.safeParse({
      organizationName: " Example GmbH ",
      streetAddress2: "",
      psd2RoleAccountServicing: "off",
      unknownKey: "dropped",
    });
    expect(parsed.success && parsed.data).toEqual({ organizationName: "Example GmbH" });
  });

  test("every problem is reported at once, by field", () => {
    const parsed = profileValuesSchema.safeParse({
      countryName: "XX",
      dunsNumber: "1",
      businessCategory: "q",
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["businessCategory", "countryName", "dunsNumber"]);
  });

  test("a stored value of another type or key is ignored", () => {
    expect(storedProfileValues({ organizationName: 5, countryName: "DE", other: "x" })).toEqual({
      countryName: "DE",
    });
    expect(storedProfileValues(null)).toEqual({});
  });
});

describe("profile and order", () => {
  test("a product gets only its fields; PSD2 products the authorisation number as identifier", () => {
    expect(profileOrderValues(getProduct(781), PROFILE)).toEqual({
      organizationName: "Example GmbH",
      countryName: "DE",
      organizationIdentifier: "NTRDE-HRB12345",
    });
    expect(profileOrderValues(getProduct(786), PROFILE)).toMatchObject({
      organizationIdentifier: "PSDDE-BAFIN-123456",
      ncaId: "DE-BAFIN",
      psd2RoleAccountInformation: true,
    });
    expect(profileOrderValues(getProduct(783), PROFILE)).toMatchObject({ joiCountryName: "DE" });
    expect(profileOrderValues(undefined, PROFILE)).toEqual({});
  });

  test("text is compared trimmed; an unticked flag is no value", () => {
    const input = {
      product: 786,
      ...profileOrderValues(getProduct(786), PROFILE),
      organizationName: " Example GmbH ",
    };
    expect(profileDifferences(PROFILE, { ...input, psd2RoleAccountServicing: false })).toEqual([]);
    expect(profileDifferences(PROFILE, { ...input, psd2RoleAccountInformation: false })).toMatchObject([
      { key: "psd2RoleAccountInformation", before: true, after: null },
    ]);
  });

  test("validated values: fields of the validated product only, an empty one included", () => {
    const validated = validatedValuesOf({
      product: 781,
      organizationName: "Example GmbH",
      countryName: "DE",
    })!;
    expect(validated.organizationName).toBe("Example GmbH");
    expect(validated.dunsNumber).toBeNull();
    expect("joiCountryName" in validated).toBe(false);
    const order = { product: 783, organizationName: "Example GmbH", countryName: "DE", joiCountryName: "FR" };
    expect(validatedDifferences(validated, order)).toEqual([]);
    expect(validatedDifferences(validated, { ...order, dunsNumber: "123456789" }).map((d) => d.key)).toEqual([
      "dunsNumber",
    ]);
  });
});
