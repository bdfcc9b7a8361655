import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, CsrKeyStep, SANDBOX, sandboxOrders, Wizard } from "./wizard";

// The issued certificate packed with the customer's private key into a PKCS#12 file, in the
// browser: from the key generated and kept there, or from a key file made with OpenSSL. Every
// request the page makes is recorded, and none carries the key.

const KEY_PASSWORD = "key file password 2026";
const P12_PASSWORD = "p12 import password";

const dir = mkdtempSync(path.join(tmpdir(), "pkcs12-e2e-"));
const openssl = (...args: string[]) =>
  execFileSync("openssl", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Every request body the page sends from now on. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("request", (request) => {
    const body = request.postDataBuffer();
    if (body) bodies.push(body.toString("latin1"));
  });
  return bodies;
}

async function issue(externalNumber: string): Promise<void> {
  const [order] = (await sandboxOrders(externalNumber)) as { orderNumber: string }[];
  expect(order).toBeDefined();
  const response = await fetch(`${SANDBOX}/sandbox/orders/${order!.orderNumber}/advance?to=issued`, {
    method: "POST",
  });
  expect(response.status, await response.text()).toBe(200);
}

async function buildP12(page: Page, keyPassword?: string): Promise<string> {
  const region = page.getByRole("region", { name: "Certificate with private key (PKCS#12)" });
  if (keyPassword !== undefined) await region.getByLabel("Password of the key file").fill(keyPassword);
  await region.getByLabel("Password for the PKCS#12 file").fill(P12_PASSWORD);
  await region.getByLabel("Repeat the password").fill(P12_PASSWORD);
  const download = page.waitForEvent("download");
  await region.getByRole("button", { name: "Build and download the PKCS#12 file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^EQ-[0-9A-Z]{4}-[0-9A-Z]{4}\.p12$/);
  const at = path.join(dir, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(at);
  return at;
}

/** The public key of the certificate page's PEM download, and the key inside the .p12. */
async function keysOf(page: Page, p12: string): Promise<{ certificate: string; p12: string }> {
  const certificate = page.getByRole("region", { name: "Your certificate" });
  const download = page.waitForEvent("download");
  await certificate.getByRole("link", { name: "Certificate (PEM)" }).click();
  const pem = path.join(dir, `${Date.now()}-cert.pem`);
  await (await download).saveAs(pem);
  const unpacked = path.join(dir, `${Date.now()}-unpacked.pem`);
  writeFileSync(unpacked, openssl("pkcs12", "-in", p12, "-nodes", "-passin", `pass:${P12_PASSWORD}`));
  expect(readFileSync(unpacked, "utf8").match(/BEGIN CERTIFICATE/g)?.length).toBeGreaterThanOrEqual(2);
  return {
    certificate: openssl("x509", "-in", pem, "-noout", "-pubkey"),
    p12: openssl("pkey", "-in", unpacked, "-pubout"),
  };
}

test("a key generated in the browser becomes a PKCS#12 file there, and the key is never sent", async ({
  page,
}) => {
  // Key generation, three 600,000-round PBKDF2 runs in the browser and a placed order.
  test.setTimeout(180_000);
  const bodies = recordBodies(page);
  await signUp(page, { email: uniqueEmail("p12"), password: "pkcs12 password 123" });
  const wizard = new Wizard(page);
  const step = new CsrKeyStep(page);
  await step.open(wizard, "Citizen Qualified Certificate", /2 years/);
  await step.generate({ commonName: "Paula Example", country: "DE", keyType: "RSA-2048" });
  const protectedKey = await step.downloadProtected(KEY_PASSWORD);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Hauptstr. 1",
    City: "Berlin",
    "State or province": "Berlin",
    "Postal code": "10115",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-1234567890" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await issue(await wizard.externalNumber());
  const builder = page.getByRole("region", { name: "Certificate with private key (PKCS#12)" });
  await expect(builder).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Your certificate" })).toContainText("RSA 2048 bits");

  // This browser's protected copy is offered first; a wrong password is refused in words.
  await expect(builder.getByLabel(/The key kept in this browser/)).toBeChecked();
  await builder.getByLabel("Password of the key file").fill("not the password");
  await builder.getByLabel("Password for the PKCS#12 file").fill(P12_PASSWORD);
  await builder.getByLabel("Repeat the password").fill(P12_PASSWORD);
  await builder.getByRole("button", { name: "Build and download the PKCS#12 file" }).click();
  await expect(builder.getByText("The password does not open this key file.")).toBeVisible({
    timeout: 20_000,
  });
  await expect(builder.getByLabel("Password of the key file")).toBeFocused();

  const p12 = await buildP12(page, KEY_PASSWORD);
  const keys = await keysOf(page, p12);
  expect(keys.p12).toContain("BEGIN PUBLIC KEY");
  expect(keys.p12).toBe(keys.certificate);

  // Neither the key nor its protected file went anywhere.
  writeFileSync(path.join(dir, "protected.pem"), protectedKey);
  const plainKey = openssl("pkey", "-in", "protected.pem", "-passin", `pass:${KEY_PASSWORD}`);
  const plainBody = plainKey.replace(/-----[^-]+-----|\s/g, "");
  const protectedBody = protectedKey.replace(/-----[^-]+-----|\s/g, "");
  expect(bodies.length).toBeGreaterThan(5);
  for (const body of bodies) {
    expect(body).not.toContain("PRIVATE KEY");
    expect(body).not.toContain(plainBody.slice(0, 64));
    expect(body).not.toContain(protectedBody.slice(0, 64));
    expect(body).not.toContain(KEY_PASSWORD);
    expect(body).not.toContain(P12_PASSWORD);
  }

  // Once the file works, the key can leave this browser.
  await builder.getByRole("button", { name: "Remove the key from this browser" }).click();
  await expect(builder).toContainText("The key was removed from this browser.");
  await page.reload();
  await expect(page.getByRole("region", { name: "Where your private key is" })).toContainText(
    "The portal never receives private keys",
  );
  await expect(builder.getByLabel("Private key file")).toBeVisible();
});

test("a key file made with OpenSSL is packed with its certificate; another key is refused", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const bodies = recordBodies(page);
  openssl(
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "own.key",
    "-subj",
    "/CN=Bert Example/C=DE",
    "-out",
    "own.csr",
  );
  openssl("rsa", "-in", "own.key", "-traditional", "-out", "own-pkcs1.key");
  openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "stranger.key");
  await signUp(page, { email: uniqueEmail("p12file"), password: "pkcs12 password 123" });
  const wizard = new Wizard(page);
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /1 year/,
    csr: readFileSync(path.join(dir, "own.csr"), "utf8"),
    details: { "Personal identifier": "PNODE-99887766" },
  });
  await wizard.placeOrder();
  await issue(await wizard.externalNumber());
  const builder = page.getByRole("region", { name: "Certificate with private key (PKCS#12)" });
  await expect(builder).toBeVisible({ timeout: 30_000 });

  await builder.getByLabel("Private key file").setInputFiles(path.join(dir, "stranger.key"));
  await builder.getByLabel("Password for the PKCS#12 file").fill(P12_PASSWORD);
  await builder.getByLabel("Repeat the password").fill(P12_PASSWORD);
  await builder.getByRole("button", { name: "Build and download the PKCS#12 file" }).click();
  await expect(builder.getByText(/This private key does not belong to this certificate/)).toBeVisible({
    timeout: 20_000,
  });

  await builder.getByLabel("Private key file").setInputFiles(path.join(dir, "own-pkcs1.key"));
  const p12 = await buildP12(page);
  const keys = await keysOf(page, p12);
  expect(keys.p12).toBe(keys.certificate);
  const own = readFileSync(path.join(dir, "own.key"), "utf8").replace(/-----[^-]+-----|\s/g, "");
  for (const body of bodies) {
    expect(body).not.toContain("PRIVATE KEY");
    expect(body).not.toContain(own.slice(0, 64));
  }
});
