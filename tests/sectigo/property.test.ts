import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectigoClient } from "@/lib/sectigo/client";
import { COUNTRIES } from "@/lib/sectigo/countries";
import { PRODUCTS, type Product } from "@/lib/sectigo/products";
import { PARAMS, type FieldKey, type ParamDef } from "@/lib/sectigo/registry";
import { parseResponse } from "@/lib/sectigo/response";
import { fieldRules } from "@/lib/sectigo/rules";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { isEmail } from "@/lib/sectigo/validators";
import { decodeWireParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { pemToBase64 } from "@/tests/support/csr";
import { testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, newFon, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

let sandbox: RunningSandbox;
let client: SectigoClient;
let csrs: TestCsrs;

beforeAll(async () => {
  [sandbox, csrs] = await Promise.all([startTestSandbox(), testCsrs()]);
  client = clientFor(sandbox);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

const CONTROL = /[\u0000-\u001F\u007F]/;

/** Any Unicode text a customer could type into a free-text field of this length. */
function freeText(max: number) {
  return fc
    .string({ unit: "grapheme", minLength: 1, maxLength: Math.min(max, 40) })
    .filter((s) => s.length <= max && s.trim() === s && s !== "" && !CONTROL.test(s));
}

const email = fc.emailAddress().filter((e) => isEmail(e));

function arbitraryFor(def: ParamDef): fc.Arbitrary<unknown> | undefined {
  if (def.kind === "flag") return fc.boolean();
  if (def.kind !== "text" || def.values) return undefined;
  if (def.format === "email") return email;
  if (def.format === "email-or-none") return fc.oneof(fc.constant("none"), email);
  if (def.format === "alphanumeric") return fc.stringMatching(/^[A-Za-z0-9]{1,20}$/);
  if (def.format === undefined) return freeText(def.max ?? 64);
  return undefined;
}

// A shipping address is all or nothing (see shippingAddressPart), so it is generated as a block.
const SHIPPING_ADDRESS = new Set<string>([
  "shippingStreetAddress1",
  "shippingStreetAddress2",
  "shippingStreetAddress3",
  "shippingLocalityName",
  "shippingStateOrProvinceName",
  "shippingPostalCode",
  "shippingCountryName",
]);
const shippingAddress = fc.record({
  shippingStreetAddress1: freeText(128),
  shippingLocalityName: freeText(128),
  shippingStateOrProvinceName: freeText(128),
  shippingPostalCode: freeText(40),
  shippingCountryName: fc.constantFrom(...COUNTRIES.map((c) => c.code)),
});

// Valid by ETSI EN 319 412-1 §5.1.4 (lib/eidas/identifiers.ts): a VAT number with its check
// digits, a trade register number, an LEI with its check digits.
const organizationIdentifier = fc.constantFrom(
  "VATBE-0123456749",
  "NTRDE-HRB12345",
  "LEIXG-506700GE1G29325QX363",
);

// The sandbox, like Sectigo, refuses a DCV request token (CSR + unique value) it has seen before,
// and fast-check favours short strings: each generated unique value gets a fresh prefix.
let uniqueValues = 0;
const uniqueValue = fc
  .stringMatching(/^[A-Za-z0-9]{1,12}$/)
  .map((v) => `${(uniqueValues += 1).toString(36)}x${v}`.slice(0, 20));

/** A valid order: the product's minimal order plus random values for its optional fields. */
function validOrder(product: Product) {
  const base = minimalInput(product, csrs) as Record<string, unknown>;
  const rules = fieldRules(product, base);
  const optional: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of Object.keys(rules) as FieldKey[]) {
    if (rules[key] !== "optional" || key === "smartCardBased" || SHIPPING_ADDRESS.has(key)) continue;
    const arbitrary =
      key === "organizationIdentifier"
        ? organizationIdentifier
        : key === "uniqueValue"
          ? uniqueValue
          : arbitraryFor(PARAMS[key]);
    if (arbitrary) optional[key] = fc.option(arbitrary, { nil: undefined });
  }
  const address =
    rules.shippingStreetAddress1 === "optional"
      ? fc.option(shippingAddress, { nil: undefined })
      : fc.constant(undefined);
  return fc.tuple(fc.record(optional), address).map(([extra, shipping]) => {
    const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
    return { ...base, ...defined, ...shipping };
  });
}

const anyValidOrder = fc.constantFrom(...PRODUCTS).chain(validOrder);

describe("property: encode → sandbox → parse", () => {
  it("every random valid order is accepted and stored exactly as the customer typed it (the CSR as bare base64)", async () => {
    await fc.assert(
      fc.asyncProperty(anyValidOrder, async (order) => {
        const parsed = orderInputSchema.safeParse(order);
        expect(parsed.error?.issues ?? []).toEqual([]);
        const fon = newFon("prop");
        const result = await client.placeOrder(parsed.data!, {
          foreignOrderNumber: fon,
          checkFONIsUnique: true,
          test: true,
        });
        expect(result.kind === "ca-error" ? `${result.code} ${result.message}` : result.kind).toBe("success");

        const [stored] = sandbox.state.ordersFor(fon);
        expect(result.kind === "success" && result.orderNumber).toBe(stored!.orderNumber);
        const echoed = decodeWireParams(new URLSearchParams(stored!.params)).values;
        for (const [key, value] of Object.entries(parsed.data!)) {
          if (key === "product" || value === undefined) continue;
          // Sectigo always gets the CSR's DER as one line of base64, whatever was pasted.
          const sent = key === "csr" ? pemToBase64(value as string) : value;
          expect(echoed[key as FieldKey], key).toEqual(sent);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("property: the parser never crashes", () => {
  const flags = fc.record({ showCertificateID: fc.boolean(), showCertificateState: fc.boolean() });
  const kinds = ["success", "error", "unparseable"];

  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), flags, (body, f) => {
        expect(kinds).toContain(parseResponse(body, f).kind);
      }),
      { numRuns: 1_000 },
    );
  });

  it("on strings built from answer fragments", () => {
    const token = fc.constantFrom(
      "errorCode=",
      "errorMessage=",
      "orderNumber=",
      "totalCost=",
      "certificateID=",
      "uniqueValue=",
      "0",
      "1",
      "-3",
      "42",
      "1.00",
      "&",
      "=",
      "\n",
      "\r\n",
      "%",
      "%2",
      "+",
      "<html>",
      "\uFFFD",
      "abc",
      " ",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), flags, (tokens, f) => {
        const parsed = parseResponse(tokens.join(""), f);
        expect(kinds).toContain(parsed.kind);
        if (parsed.kind === "success") {
          expect(parsed.orderNumber).toMatch(/^\d+$/);
          expect(parsed.totalCost).toMatch(/^-?\d+(\.\d+)?$/);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
