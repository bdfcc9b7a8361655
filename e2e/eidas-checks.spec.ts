import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { alertBox, signUp, uniqueEmail } from "./support";
import { CsrKeyStep, Wizard } from "./wizard";

// The wizard stops eIDAS mistakes at the field, before anything is sent, and fills in what the
// CSR already says: a PSD2 order against its CSR's qcStatements, a citizen's identifier from the
// CSR's serialNumber (and no company fields), a QWAC's domains from the CSR.

const ADDRESS = {
  "Street address": "Hauptstr. 1",
  City: "Berlin",
  "State or province": "Berlin",
  "Postal code": "10115",
};

test.beforeEach(async ({ page }) => {
  await signUp(page, { email: uniqueEmail("eidas"), password: "eidas checks 12345", verify: false });
});

/** A PSD2 CSR made with OpenSSL that asks for BaFin and two roles, as a bank's tooling makes it. */
function psd2Csr(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "psd2-e2e-"));
  writeFileSync(
    path.join(dir, "psd2.cnf"),
    [
      "[req]",
      "distinguished_name = dn",
      "req_extensions = ext",
      "[dn]",
      "[ext]",
      "1.3.6.1.5.5.7.1.3 = ASN1:SEQUENCE:qcs",
      "[qcs]",
      "psd2 = SEQUENCE:qc_psd2",
      "[qc_psd2]",
      "id = OID:0.4.0.19495.2",
      "info = SEQUENCE:info",
      "[info]",
      "roles = SEQUENCE:roles",
      "name = UTF8:Federal Financial Supervisory Authority",
      "id = UTF8:DE-BAFIN",
      "[roles]",
      "pi = SEQUENCE:pi",
      "ai = SEQUENCE:ai",
      "[pi]",
      "oid = OID:0.4.0.19495.1.2",
      "name = UTF8:PSP_PI",
      "[ai]",
      "oid = OID:0.4.0.19495.1.3",
      "name = UTF8:PSP_AI",
    ].join("\n"),
  );
  execFileSync(
    "openssl",
    [
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "key.pem",
      "-config",
      "psd2.cnf",
      "-subj",
      "/CN=Example Bank AG/O=Example Bank AG/organizationIdentifier=PSDDE-BAFIN-123456/C=DE",
      "-out",
      "psd2.csr",
    ],
    { cwd: dir, stdio: "ignore" },
  );
  return readFileSync(path.join(dir, "psd2.csr"), "utf8");
}

test("a PSD2 order whose form names another authority than its CSR is stopped at the field, both values shown", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await new CsrKeyStep(page).open(wizard, "Seal for PSD2", /1 year/);
  await wizard.pasteCsr(psd2Csr());
  await wizard.next("Organization and address");
  // The CSR's authorisation number, authority and roles are filled in.
  await expect(wizard.field("Organization identifier")).toHaveValue("PSDDE-BAFIN-123456");
  await wizard.fill(ADDRESS);
  await wizard.next("Product details");
  const nca = page.getByLabel(/^National Competent Authority/);
  await expect(nca).toHaveValue("DE-BAFIN");
  await expect(
    page.getByText("Name in the certificate: Federal Financial Supervisory Authority"),
  ).toBeVisible();
  const roles = page.getByRole("group", { name: /PSD2 roles/ });
  await expect(roles.getByLabel("Payment initiation (PSP_PI)")).toBeChecked();
  await expect(roles.getByLabel("Account information (PSP_AI)")).toBeChecked();
  await expect(roles.getByLabel("Account servicing (PSP_AS)")).not.toBeChecked();

  // Searching narrows the list; choosing Belgium's authority contradicts the CSR.
  await page.getByLabel("Search the authorities").fill("belgium");
  await nca.selectOption("BE-NBB");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(wizard.heading()).toHaveText("Product details");
  await expect(alertBox(page).first()).toBeVisible();
  const error = page.locator("#ncaId-error");
  await expect(error).toContainText("DE-BAFIN");
  await expect(error).toContainText("BE-NBB");
  await expect(nca).toHaveAttribute("aria-invalid", "true");

  // Back to the CSR's authority: the order goes on.
  await page.getByLabel("Search the authorities").fill("");
  await nca.selectOption("DE-BAFIN");
  await wizard.next("Contacts");
});

test("a citizen's identifier comes from the CSR, and no company field is asked", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Anna Example", serialNumber: "PNODE-1234567890", countryName: "DE" },
  });
  await new CsrKeyStep(page).open(wizard, "Citizen Qualified Certificate", /1 year/);
  await wizard.pasteCsr(csr);
  await wizard.next("Your address");
  for (const label of [
    /Company registration number/,
    /D-U-N-S/,
    /Legal classification/,
    /Organization identifier/,
  ])
    await expect(page.getByLabel(label)).toHaveCount(0);
  await wizard.fill(ADDRESS);
  await wizard.next("Product details");
  await expect(wizard.field("Personal identifier")).toHaveValue("PNODE-1234567890");
  // A different identifier than the CSR's is refused, both shown.
  await wizard.fill({ "Personal identifier": "PASDE-C01X00T47" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.locator("#personalIdentifier-error")).toContainText(
    "Your CSR says the personal identifier (serialNumber) is PNODE-1234567890, this form says PASDE-C01X00T47",
  );
});

test("a QWAC takes its domain names from the CSR", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "anna.example" },
    dnsNames: ["anna.example", "www.anna.example"],
  });
  await new CsrKeyStep(page).open(wizard, "QWAC Natural", /1 year/);
  await wizard.pasteCsr(csr);
  await wizard.next("Your address");
  await wizard.fill(ADDRESS);
  await wizard.select({ Country: "DE" });
  await wizard.next("Product details");
  await expect(wizard.field("Domain names")).toHaveValue(/anna\.example.*www\.anna\.example/s);
});
