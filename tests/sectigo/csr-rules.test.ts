import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SectigoClient } from "@/lib/sectigo/client";
import { getProduct } from "@/lib/sectigo/products";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { buildRequestParams } from "@/lib/sectigo/wire";
import type { RunningSandbox } from "@/sandbox/server";
import { makeCsr, pemToBase64 } from "@/tests/support/csr";
import {
  opensslCsr,
  opensslRsaKey,
  primesFactoredInRound,
  rocaPrime,
  rsaKeyFromPrimes,
} from "@/tests/support/openssl";
import { ADDRESS_SUBJECT, testCsrs, type TestCsrs } from "./support/csrs";
import { clientFor, newFon, startTestSandbox } from "./support/harness";
import { minimalInput } from "./support/orders";

// The CSR rules of issue 13 in the order schema (browser and server alike) and on the wire:
// a CA's key refusals and X.520 bounds stop the order at the csr field, and Sectigo always gets
// the CSR as clean base64 of its DER, whatever the customer pasted.

const PERSON = getProduct(777)!;
let csrs: TestCsrs;
let sandbox: RunningSandbox;
let client: SectigoClient;

beforeAll(async () => {
  [csrs, sandbox] = await Promise.all([testCsrs(), startTestSandbox()]);
  client = clientFor(sandbox);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

function csrIssue(csr: string): string | undefined {
  const parsed = orderInputSchema.safeParse({ ...minimalInput(PERSON, csrs), csr });
  return parsed.error?.issues.find((issue) => issue.path.join(".") === "csr")?.message;
}

/** A PEM as a customer might paste it from an e-mail or a Windows editor. */
function mangled(pem: string): string {
  const lines = pem.trim().split("\n");
  return `\uFEFF  \r\n${lines.map((line, i) => `${i % 2 ? "\t" : "    "}${line}  `).join("\r\n")}\r\n\r\n`;
}

describe("the order schema refuses what a CA must refuse, at the csr field", () => {
  it.each([
    ["Fermat-weak key (close primes)", () => rsaKeyFromPrimes(...primesFactoredInRound(41)), /so close/],
    ["ROCA key", () => rsaKeyFromPrimes(rocaPrime(), rocaPrime()), /ROCA/],
    ["public exponent 3", () => opensslRsaKey(2048, 3), /public exponent 3\./],
  ])("%s", (_, key, message) => {
    expect(csrIssue(opensslCsr({ key: key(), subject: "/C=DE/CN=Erika Mustermann" }))).toMatch(message);
  });

  it("a 65-character CN and a 3-letter country, each field named", async () => {
    const csr = await makeCsr({ subject: { commonName: "E".repeat(65), countryName: "DEU" } });
    const message = csrIssue(csr);
    expect(message).toContain("common name (CN) is 65 characters long, but at most 64");
    expect(message).toContain('country (C) is "DEU", but must be exactly two letters');
  });

  it("the sandbox CA refuses the same CSRs posted past the portal", async () => {
    const input = {
      ...minimalInput(PERSON, csrs),
      csr: await makeCsr({ subject: { ...ADDRESS_SUBJECT, organizationName: "O".repeat(65) } }),
    };
    const result = await client.placeOrder(input, {
      foreignOrderNumber: newFon("bounds"),
      checkFONIsUnique: true,
      test: true,
    });
    expect(result).toMatchObject({ kind: "ca-error", code: -4 });
  });
});

describe("the CSR Sectigo gets", () => {
  it("is the bare base64 of the DER, whatever indentation, CRLF and BOM were pasted", async () => {
    const pem = csrs.person;
    const pasted = mangled(pem);
    expect(pasted).toContain("\r\n    -----BEGIN CERTIFICATE REQUEST-----  \r\n\t");
    const parsed = orderInputSchema.safeParse({ ...minimalInput(PERSON, csrs), csr: pasted });
    expect(parsed.error?.issues ?? []).toEqual([]);

    const clean = pemToBase64(pem);
    expect(clean).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const params = buildRequestParams(parsed.data!, { loginName: "l", loginPassword: "p" });
    expect(params.get("csr")).toBe(clean);

    const fon = newFon("pasted");
    const result = await client.placeOrder(parsed.data!, {
      foreignOrderNumber: fon,
      checkFONIsUnique: true,
      test: true,
    });
    expect(result.kind).toBe("success");
    const [stored] = sandbox.state.ordersFor(fon);
    expect(stored?.params.csr).toBe(clean);
  });

  it("is the same for bare base64 pasted over several lines and for the old NEW CERTIFICATE REQUEST armour", () => {
    const clean = pemToBase64(csrs.person);
    for (const csr of [
      clean.replace(/(.{76})/g, "$1\r\n"),
      csrs.person.replace(/CERTIFICATE REQUEST/g, "NEW CERTIFICATE REQUEST"),
    ]) {
      const parsed = orderInputSchema.safeParse({ ...minimalInput(PERSON, csrs), csr });
      expect(buildRequestParams(parsed.data!, { loginName: "l", loginPassword: "p" }).get("csr")).toBe(clean);
    }
  });
});
