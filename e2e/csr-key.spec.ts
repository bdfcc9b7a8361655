import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { alertBox, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, CsrKeyStep, readDownload, sandboxOrders, Wizard } from "./wizard";

const KEY_PASSWORD = "key file password 2026";
const NOT_SAVED = /Save your private key before you leave this step/;

test.beforeEach(async ({ page }) => {
  await signUp(page, { email: uniqueEmail("csrkey"), password: "csr key password 123" });
});

/** The public key openssl reads from a file, as PEM; `args` selects the file type. */
function opensslPublicKey(args: string[], content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "csr-key-")), "input.pem");
  writeFileSync(file, content);
  return execFileSync("openssl", [...args, "-in", file], { encoding: "utf8" });
}

test("a generated key must be saved before the CSR step can be left, and the order knows where it is", async ({
  page,
}) => {
  // Two reloads, a 600,000-round PBKDF2 in the browser and a placed order, on a shared machine.
  test.setTimeout(180_000);
  const wizard = new Wizard(page);
  const step = new CsrKeyStep(page);
  await step.open(wizard, "Citizen Qualified Certificate", /2 years/);
  await step.generate({ commonName: "Anna Example", country: "DE" });
  const csr = await step.csr();

  // Neither forward nor back while the key exists only in this tab.
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page).first()).toContainText(NOT_SAVED);
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await page.getByRole("button", { name: "Back" }).click();
  await expect(alertBox(page).first()).toContainText(NOT_SAVED);
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");

  // A reload asks first, and afterwards the key is still there to be saved.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(dialogs).toEqual(["beforeunload"]);
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await expect(page.getByRole("region", { name: "Your private key" })).toContainText(
    "kept in this browser but not saved yet",
  );
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page).first()).toContainText(NOT_SAVED);
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");

  // The protected file is an OpenSSL-readable PKCS#8 for the CSR's key.
  const file = await step.downloadProtected(KEY_PASSWORD);
  expect(file).toContain("-----BEGIN ENCRYPTED PRIVATE KEY-----");
  const fromKey = opensslPublicKey(["pkey", "-pubout", "-passin", `pass:${KEY_PASSWORD}`], file);
  const fromCsr = opensslPublicKey(["req", "-pubkey", "-noout"], csr);
  expect(fromKey).toContain("BEGIN PUBLIC KEY");
  expect(fromKey).toBe(fromCsr);
  await expect(page.getByRole("region", { name: "Your private key" })).toContainText(
    "you saved it as a password-protected file",
  );

  // Once saved, a reload neither asks nor forgets.
  await page.reload();
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await expect(page.getByRole("region", { name: "Your private key" })).toContainText(
    "you saved it as a password-protected file",
  );
  expect(dialogs).toEqual(["beforeunload"]);

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
  const note = page.getByRole("region", { name: "Where your private key is" });
  await expect(note).toContainText("in this browser");
  await expect(note).toContainText("password-protected file private-key-protected.pem");

  await wizard.placeOrder();
  await expect(page.getByRole("region", { name: "Where your private key is" })).toContainText(
    "in this browser",
  );
  const orders = (await sandboxOrders(await wizard.externalNumber())) as { params: Record<string, string> }[];
  expect(orders).toHaveLength(1);
  expect(JSON.stringify(orders)).not.toContain("PRIVATE KEY");
});

test("an unprotected key download lets the customer on only after confirming it is stored", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  const step = new CsrKeyStep(page);
  await step.open(wizard, "Citizen Qualified Certificate", /2 years/);
  // On a 375 px phone the generator's key types fit the screen (the longest was cut off).
  const generator = page.getByText("No CSR? Generate a key pair and CSR in your browser");
  await page.setViewportSize({ width: 375, height: 800 });
  await generator.click();
  const keyType = await page.getByLabel("Key type").boundingBox();
  expect(keyType!.x + keyType!.width).toBeLessThanOrEqual(375);
  await generator.click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await step.generate({ commonName: "Carl Example", country: "DE" });
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the private key/ }).click();
  expect(await readDownload(await download)).toContain("-----BEGIN PRIVATE KEY-----");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page).first()).toContainText(NOT_SAVED);
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");

  await page.getByLabel("I have stored the private key in a safe place").check();
  await wizard.next(ADDRESS_STEP);
  await wizard.back("Certificate request (CSR)");
  await expect(page.getByRole("region", { name: "Your private key" })).toContainText(
    "you confirmed that you stored it",
  );
});

test("a pasted CSR with a tampered signature cannot leave the CSR step", async ({ page }) => {
  const wizard = new Wizard(page);
  const step = new CsrKeyStep(page);
  const tampered = await makeCsr({
    subject: { commonName: "Tampered Example", countryName: "DE" },
    tamper: true,
  });
  await step.open(wizard, "Citizen Qualified Certificate", /2 years/);
  await wizard.pasteCsr(tampered);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("does not verify");

  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page).first()).toContainText("signature does not match its contents");
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await expect(page.getByLabel(/^CSR \(PEM or Base64\)/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#csr-error")).toContainText("signature does not match its contents");

  // A good CSR for the same subject clears the block.
  await wizard.pasteCsr(await makeCsr({ subject: { commonName: "Tampered Example", countryName: "DE" } }));
  await wizard.next(ADDRESS_STEP);
});
