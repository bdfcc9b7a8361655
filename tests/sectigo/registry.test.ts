import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCsr } from "@/lib/csr";
import { COUNTRIES, isCountryCode } from "@/lib/sectigo/countries";
import { getProduct, PRODUCTS, type ProductCode } from "@/lib/sectigo/products";
import {
  FIELD_KEYS,
  keyForWire,
  PARAM_KEYS,
  PARAMS,
  UNCONFIRMED_PARAMS,
  type ParamDef,
} from "@/lib/sectigo/registry";
import { fieldRules, paramsToSend, productShipsToken, sectigoRules } from "@/lib/sectigo/rules";
import { makeCsr } from "@/tests/support/csr";
import { ADDRESS_SUBJECT } from "./support/csrs";

const rulesFor = (code: ProductCode, input: Record<string, unknown> = {}) =>
  fieldRules(code, { product: code, ...input });

describe("parameter registry", () => {
  it("holds all 76 rows of the spec in order, plus the unlisted domainNames", () => {
    const numbers = PARAM_KEYS.map((k) => (PARAMS[k] as ParamDef).n);
    expect(numbers).toEqual([...Array.from({ length: 76 }, (_, i) => i + 1), null]);
  });

  it("has unique, case-exact wire names that map back to their keys", () => {
    const wires = PARAM_KEYS.map((k) => (PARAMS[k] as ParamDef).wire).filter((w): w is string => w !== null);
    expect(new Set(wires).size).toBe(wires.length);
    expect(keyForWire("SmartCardBased")).toBe("smartCardBased");
    expect(keyForWire("smartCardBased")).toBeUndefined();
    expect(keyForWire("semanticsIdentifier")).toBe("personalIdentifier");
    expect(keyForWire("dcvTemplateID")).toBe("dcvTemplateId");
  });

  it("marks exactly the grade-C names as unconfirmed, each with a candidate marker or no name", () => {
    for (const key of PARAM_KEYS) {
      const def: ParamDef = PARAMS[key];
      expect(def.nameConfirmed, key).toBe(def.grade !== "C");
      if (def.grade === "C") expect(def.candidate !== undefined || def.wire === null, key).toBe(true);
    }
    expect(UNCONFIRMED_PARAMS.map((u) => u.key)).toContain("ncaId");
  });

  it("lists every unconfirmed name in the README", () => {
    const readme = readFileSync(new URL("../../lib/sectigo/README.md", import.meta.url), "utf8");
    for (const u of UNCONFIRMED_PARAMS) {
      expect(readme, u.key).toMatch(new RegExp(`\\|\\s*\`${u.key}\`\\s*\\|`));
      if (u.wire) expect(readme, u.key).toContain(`\`${u.wire}\``);
    }
  });

  it("never offers or sends the rows nobody needs", () => {
    for (const key of [
      "callbackTemplateId",
      "eaTemplateId",
      "subscriberAgreementTemplateId",
      "omitAdditionalFqdns",
      "enrolmentSetting",
      "cspName",
      "appRepLoginName",
    ] as const) {
      expect(PARAMS[key].send, key).toBe(false);
      expect(FIELD_KEYS as string[]).not.toContain(key);
    }
  });

  it("carries the full ISO 3166-1 alpha-2 list", () => {
    expect(COUNTRIES).toHaveLength(249);
    expect(isCountryCode("DE")).toBe(true);
    expect(isCountryCode("UK")).toBe(false);
    expect(isCountryCode("de")).toBe(false);
  });
});

describe("product catalogue", () => {
  it("has the 14 eIDAS products with their days", () => {
    expect(PRODUCTS.map((p) => p.code).sort()).toEqual([
      777, 778, 779, 780, 781, 782, 783, 784, 786, 787, 788, 789, 791, 792,
    ]);
    expect(getProduct(788)).toMatchObject({
      person: "legal",
      qwac: true,
      psd2: true,
      qscd: false,
      multiDomain: false,
      days: [90, 365],
    });
    expect(getProduct(780)).toMatchObject({
      person: "natural",
      qscd: true,
      days: [365, 730, 1095, 1461, 1826],
    });
    for (const p of PRODUCTS) expect(p.explanation.length, String(p.code)).toBeGreaterThan(20);
  });
});

describe("rules (applicability matrix §3.2)", () => {
  it("ships a token for QSCD always, for others only with SmartCardBased=Y, for QWACs never", () => {
    expect(productShipsToken(778, {})).toBe(true);
    expect(productShipsToken(777, {})).toBe(false);
    expect(productShipsToken(777, { smartCardBased: true })).toBe(true);
    expect(productShipsToken(783, { smartCardBased: true })).toBe(false);
  });

  it("N1: no organization name for citizens, optional for QWAC Natural, required otherwise; address still required", () => {
    expect(rulesFor(777).organizationName).toBe("forbidden");
    expect(rulesFor(778).organizationName).toBe("forbidden");
    expect(rulesFor(791).organizationName).toBe("optional");
    expect(rulesFor(779).organizationName).toBe("required");
    expect(rulesFor(781).organizationName).toBe("required");
    expect(rulesFor(777).streetAddress1).toBe("required");
    expect(sectigoRules(777, { product: 777 }).organizationName).toBe("optional");
  });

  it("N2: SmartCardBased forbidden for QSCD and QWAC products", () => {
    for (const code of [778, 780, 782, 787, 783, 784, 788, 789, 791, 792] as const) {
      expect(rulesFor(code).smartCardBased, String(code)).toBe("forbidden");
    }
    for (const code of [777, 779, 781, 786] as const) expect(rulesFor(code).smartCardBased).toBe("optional");
  });

  it("QWAC-only, PSD2-only and QWAC-Legal-only fields", () => {
    expect(rulesFor(781).primaryDomainName).toBe("forbidden");
    expect(rulesFor(783).primaryDomainName).toBe("optional");
    expect(rulesFor(783).maxSubjectCNs).toBe("forbidden");
    expect(rulesFor(784).maxSubjectCNs).toBe("optional");
    expect(rulesFor(783).domainNames).toBe("required");
    for (const code of [783, 784, 788, 789] as const) expect(rulesFor(code).joiCountryName).toBe("required");
    for (const code of [781, 786, 791] as const) expect(rulesFor(code).joiCountryName).toBe("forbidden");
    for (const code of [786, 787, 788, 789] as const) {
      expect(rulesFor(code).ncaId).toBe("required");
      expect(rulesFor(code).psd2RoleAccountServicing).toBe("required");
      expect(rulesFor(code).ncaName).toBe("optional");
    }
    expect(rulesFor(783).ncaId).toBe("forbidden");
    expect(rulesFor(781).personalIdentifier).toBe("forbidden");
    expect(rulesFor(791).personalIdentifier).toBe("required");
    expect(rulesFor(791).organizationIdentifier).toBe("forbidden");
  });

  it("shipping fields: forbidden without a token; courier contact required with one; address all or nothing", () => {
    expect(rulesFor(777).offerType).toBe("forbidden");
    const ships = rulesFor(777, { smartCardBased: true });
    expect(ships.offerType).toBe("required");
    expect(ships.shippingForename).toBe("required");
    expect(ships.shippingStreetAddress1).toBe("optional");
    const started = rulesFor(782, { shippingLocalityName: "Hamburg" });
    expect(started.shippingStreetAddress1).toBe("required");
    expect(started.shippingCountryName).toBe("required");
    expect(sectigoRules(782, { product: 782 }).shippingForename).toBe("optional");
  });

  it("the CSR's subject satisfies the organization fields", async () => {
    const decoded = decodeCsr(await makeCsr({ subject: ADDRESS_SUBJECT }));
    if (!decoded.ok) throw new Error(decoded.problem.message);
    const rules = fieldRules(779, { product: 779 }, decoded.csr);
    for (const key of [
      "organizationName",
      "streetAddress1",
      "localityName",
      "stateOrProvinceName",
      "postalCode",
      "countryName",
    ] as const) {
      expect(rules[key], key).toBe("optional");
    }
  });

  it("paramsToSend keeps only given, applicable fields", () => {
    const sent = paramsToSend(783, {
      product: 783,
      days: 365,
      organizationName: "X",
      personalIdentifier: "PNODE-1",
      smartCardBased: true,
      postalCode: "",
    });
    expect(sent).toEqual(["product", "days", "organizationName"]);
  });
});
