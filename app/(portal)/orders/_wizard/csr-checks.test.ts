import { describe, expect, test } from "vitest";
import { generateKeyAndCsr } from "@/lib/csr";
import { makeCsr } from "@/tests/support/csr";
import { withCsrChecks } from "./csr-checks";
import { getStoredKey, keepGeneratedKey, KEY_NOT_SAVED_MESSAGE, markKeySaved } from "./key-store";

// Node has WebCrypto but no IndexedDB: the key store then keeps keys in memory, which is what
// the guard reads first in the browser too.

const passed = { values: { csr: "x" }, errors: {} };

async function errorsFor(csr: string, names?: string[]) {
  const result = await withCsrChecks(passed, { csr }, names);
  return result.errors as Record<string, { message?: string } | undefined>;
}

describe("the browser's CSR checks at the CSR step", () => {
  test("a CSR whose signature does not verify is an error on the CSR field", async () => {
    const tampered = await makeCsr({ subject: { commonName: "Tampered Example" }, tamper: true });
    expect((await errorsFor(tampered, ["csr"])).csr?.message).toMatch(/signature does not match/);
    expect((await errorsFor(tampered)).csr?.message).toMatch(/signature does not match/);
    // Validating another step's fields does not judge the CSR.
    expect((await errorsFor(tampered, ["organizationName"])).csr).toBeUndefined();
    expect((await errorsFor(await makeCsr({ subject: { commonName: "Good Example" } }), ["csr"])).csr).toBe(
      undefined,
    );
  });

  test("a generated key blocks its CSR until it is saved, then is kept non-extractable", async () => {
    const { csrPem, privateKey } = await generateKeyAndCsr({
      algorithm: "P-256",
      subject: { commonName: "Anna Example" },
    });
    await keepGeneratedKey("new", csrPem, privateKey);
    expect((await errorsFor(csrPem, ["csr"])).csr?.message).toBe(KEY_NOT_SAVED_MESSAGE);
    // The same CSR with other line breaks is the same CSR.
    expect((await errorsFor(csrPem.replace(/\n/g, "\r\n"), ["csr"])).csr?.message).toBe(
      KEY_NOT_SAVED_MESSAGE,
    );
    // Another (pasted) CSR is not held back by this key.
    expect(
      (await errorsFor(await makeCsr({ subject: { commonName: "Other" } }), ["csr"])).csr,
    ).toBeUndefined();

    await markKeySaved("new", "protected-file", "private-key-protected.pem");
    expect((await errorsFor(csrPem, ["csr"])).csr).toBeUndefined();
    const stored = await getStoredKey("new");
    expect(stored?.saved?.how).toBe("protected-file");
    expect(stored?.privateKey.extractable).toBe(false);
    expect(stored?.privateKey.type).toBe("private");
  });

  test("a schema error on the CSR is kept as it is", async () => {
    const result = await withCsrChecks(
      { values: {}, errors: { csr: { type: "custom", message: "weak key" } } },
      { csr: await makeCsr({ tamper: true }) },
      ["csr"],
    );
    expect((result.errors as Record<string, { message?: string }>).csr?.message).toBe("weak key");
  });
});
