import { describe, expect, it } from "vitest";
import { classifySectigoError } from "@/lib/sectigo/errors";
import { parseResponse } from "@/lib/sectigo/response";
import { errorKit, expectCaError } from "./support/error-kit";
import { clientFor, newFon } from "./support/harness";

// Request, value and CSR errors of the sandbox CA, provoked through the real client over HTTP.

const { kit, order, place, paramsOf } = errorKit();

describe("request-level errors", () => {
  it("-17 for GET, in both formats", async () => {
    for (const format of [0, 1] as const) {
      const response = await fetch(`${kit.client.endpoint}?responseFormat=${format}`);
      const parsed = parseResponse(await response.text());
      expect(parsed).toMatchObject({ kind: "error", format, code: -17 });
      if (parsed.kind === "error")
        expect(classifySectigoError(parsed.code, parsed.message).class).toBe("needs-review");
    }
  });

  it("-2 for an unknown argument, naming it", async () => {
    const params = paramsOf(order(777));
    params.set("smartcardbased", "Y");
    const result = await kit.client.send(params);
    expectCaError(result, -2, "needs-review");
    if (result.kind === "ca-error") expect(result.error.wireName).toBe("smartcardbased");
  });

  it("-3 for a missing argument, mapped to its field", async () => {
    const params = paramsOf(order(779));
    params.delete("postalCode");
    expectCaError(await kit.client.send(params), -3, "input", "postalCode");
  });

  it("-3 for a natural-person product without the personal identifier", async () => {
    expectCaError(
      await place(order(791, { personalIdentifier: undefined })),
      -3,
      "input",
      "personalIdentifier",
    );
  });

  it("-16 for wrong credentials", async () => {
    const stranger = clientFor(kit.sandbox, { loginPassword: "not-the-password" });
    expectCaError(
      await stranger.placeOrder(order(777), {
        foreignOrderNumber: newFon(),
        checkFONIsUnique: true,
        test: false,
      }),
      -16,
      "account",
      null,
    );
    await stranger.close();
  });
});

describe("value errors", () => {
  it("-4 for more than one product code, or one that is not eIDAS", async () => {
    for (const product of ["777,778", "488"]) {
      const params = paramsOf(order(777));
      params.set("product", product);
      expectCaError(await kit.client.send(params), -4, "input", "product");
    }
  });

  it("-4 for days the product does not offer", async () => {
    expectCaError(await place(order(783, { days: 730 })), -4, "input", "days");
  });

  it("-4 for a value over its maximum length", async () => {
    expectCaError(
      await place(order(781, { organizationName: "O".repeat(65) })),
      -4,
      "input",
      "organizationName",
    );
  });

  it("-4 for a Y/N flag that is not upper-case Y or N, mapped through the case-exact name", async () => {
    const params = paramsOf(order(777));
    params.set("SmartCardBased", "y");
    expectCaError(await kit.client.send(params), -4, "input", "smartCardBased");
  });

  it("-7 for a country that is not ISO 3166, pointing at the field that held it", async () => {
    expectCaError(await place(order(779, { countryName: "XX" })), -7, "input", "countryName");
    expectCaError(await place(order(783, { joiCountryName: "ZZ" })), -7, "input", "joiCountryName");
  });

  it("an invalid e-mail address", async () => {
    const result = await place(order(781, { appRepEmailAddress: "not-an-address" }));
    expect(result).toMatchObject({
      kind: "ca-error",
      error: { class: "input", field: "appRepEmailAddress" },
    });
  });

  it("-160 for a parameter the product does not take", async () => {
    const params = paramsOf(order(783));
    params.set("SmartCardBased", "N");
    expectCaError(await kit.client.send(params), -160, "needs-review", "smartCardBased");
  });
});

describe("CSR errors", () => {
  it("-9 for a CSR that is not Base64", async () => {
    expectCaError(await place(order(777, { csr: "this is *not* base64 !!" })), -9, "input", "csr");
  });

  it("-10 for Base64 that is not a CSR", async () => {
    expectCaError(await place(order(777, { csr: "AAAAAAAAAAAAAAAA" })), -10, "input", "csr");
  });

  it("-11 for an unsupported key algorithm", async () => {
    expectCaError(await place(order(777, { csr: kit.csrs.ed25519 })), -11, "input", "csr");
  });

  it("-12 for a broken signature", async () => {
    expectCaError(await place(order(777, { csr: kit.csrs.tampered })), -12, "input", "csr");
  });

  it("-13 for an RSA key under 2048 bits", async () => {
    expectCaError(await place(order(777, { csr: kit.csrs.weak })), -13, "input", "csr");
  });

  it("-5 for a wildcard Common Name", async () => {
    const input = order(783, { csr: kit.csrs.wildcard, domainNames: ["*.example.eu"] });
    expectCaError(await place(input), -5, "input", "csr");
  });

  it("-162 for CSR names outside domainNames", async () => {
    expectCaError(await place(order(784, { csr: kit.csrs.extraDomain })), -162, "input", "domainNames");
  });
});
