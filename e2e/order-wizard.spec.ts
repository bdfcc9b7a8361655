import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { alertBox, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, sandboxOrders, Wizard } from "./wizard";

test.beforeEach(async ({ page }) => {
  await signUp(page, { email: uniqueEmail("wizard"), password: "wizard password 123" });
});

test("a citizen orders a qualified certificate end to end", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    algorithm: "RSA-2048",
    subject: { commonName: "Anna Example", countryName: "DE" },
  });
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /2 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("RSA 2048 bits");
  await wizard.next(ADDRESS_STEP);
  await expect(wizard.field("Organization name")).toHaveCount(0);
  await expect(wizard.field("Country")).toHaveValue("DE");
  await wizard.fill({
    "Street address": "Hauptstr. 1",
    City: "Berlin",
    "State or province": "Berlin",
    "Postal code": "10115",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "TAXDE-123" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("TIN");
  await expect(wizard.field("Personal identifier")).toBeFocused();
  await wizard.fill({ "Personal identifier": "PNODE-1234567890" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await expect(page.getByText("Citizen Qualified Certificate").first()).toBeVisible();
  await page.locator("summary", { hasText: "Parameters sent to Sectigo" }).click();
  await expect(page.getByRole("cell", { name: "personalIdentifier" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "loginPassword" })).toHaveCount(0);
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const number = await wizard.externalNumber();
  expect(await sandboxOrders(number)).toHaveLength(1);
  await expect(page.getByText("Sectigo order number", { exact: true })).toBeVisible();
});

test("an employee orders a QSCD certificate shipped on a token", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Ben Example", organizationName: "Example GmbH", countryName: "DE" },
  });
  await wizard.start();
  await wizard.chooseProduct("Employee Qualified Certificate QSCD");
  await wizard.next("Validity and delivery");
  await expect(page.getByText("Sectigo creates the key on a certified signature token")).toBeVisible();
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await expect(wizard.field("Organization name")).toHaveValue("Example GmbH");
  await wizard.fill({
    "Street address": "Hauptstr. 1",
    City: "Berlin",
    "State or province": "Berlin",
    "Postal code": "10115",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-555666777" });
  await wizard.next("Token shipping");
  await wizard.fill({
    "Courier contact: first name": "Ben",
    "Courier contact: surname": "Example",
    "Courier contact: e-mail": "ben@example.com",
    "Courier contact: telephone": "+4930123456",
  });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await expect(page.getByRole("heading", { name: "Token shipping" })).toBeVisible();
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const [order] = (await sandboxOrders(await wizard.externalNumber())) as {
    params: Record<string, string>;
  }[];
  expect(order?.params.shippingForename).toBe("Ben");
  expect(order?.params.product).toBe("780");
});

test("a bank orders a Seal for PSD2 with its NCA and roles", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Example Bank SA", organizationName: "Example Bank SA", countryName: "BE" },
  });
  await wizard.start();
  await wizard.chooseProduct("Seal for PSD2");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /3 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Rue Royale 1",
    City: "Brussels",
    "State or province": "Brussels",
    "Postal code": "1000",
    "Organization identifier": "PSDBE-NBB-0123.456.789",
  });
  await wizard.next("Product details");
  await wizard.select({ "National Competent Authority": "BE-NBB" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("at least one PSD2 role");
  await expect(wizard.heading()).toHaveText("Product details");
  await page.getByRole("checkbox").first().check();
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const [order] = (await sandboxOrders(await wizard.externalNumber())) as {
    params: Record<string, string>;
  }[];
  expect(order?.params.product).toBe("786");
});

test("a QWAC Legal for PSD2 Multi-Domain order with domains, jurisdiction and roles", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    algorithm: "P-256",
    subject: { commonName: "bank.example", organizationName: "Example Bank SA", countryName: "BE" },
    dnsNames: ["bank.example", "api.bank.example"],
  });
  await wizard.start();
  await wizard.chooseProduct("QWAC Legal for PSD2 Multi-Domain");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /90 days/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Rue Royale 1",
    City: "Brussels",
    "State or province": "Brussels",
    "Postal code": "1000",
    "Organization identifier": "PSDBE-NBB-0123.456.789",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Domain names": "bank.example api.bank.example" });
  await wizard.select({ "National Competent Authority": "BE-NBB" });
  await wizard.select({ "Jurisdiction of incorporation: country": "BE" });
  await page.getByRole("checkbox").nth(1).check();
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const [order] = (await sandboxOrders(await wizard.externalNumber())) as {
    params: Record<string, string>;
  }[];
  expect(order?.params.domainNames).toBe("bank.example,api.bank.example");
  expect(order?.params.joiCountryName).toBe("BE");
});

test("a QWAC Natural order for one domain", async ({ page }) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "anna.example" },
    dnsNames: ["anna.example", "www.anna.example"],
  });
  await wizard.walkToReview({
    product: "QWAC Natural",
    validity: /1 year/,
    csr,
    country: "DE",
    details: {
      "Domain names": "anna.example\nwww.anna.example",
      "Personal identifier": "PASDE-C01X00T47",
    },
  });
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
});

test("a key pair and CSR generated in the browser, private key offered for download", async ({ page }) => {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await page.getByText("No CSR? Generate a key pair and CSR in your browser").click();
  await wizard.fill({
    "Organization name": "Seal Maker BV",
    "Organization identifier": "VATNL-810433941B01",
  });
  await wizard.select({ Country: "NL", "Key type": "P-256" });
  await page.getByRole("button", { name: "Generate key pair and CSR" }).click();
  await expect(page.getByRole("link", { name: /Download the private key/ })).toBeVisible();
  await expect(page.getByLabel(/^CSR \(PEM or Base64\)/)).toHaveValue(/BEGIN CERTIFICATE REQUEST/);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText(
    "organizationIdentifier",
  );
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the private key/ }).click();
  const key = await (await download).createReadStream();
  let text = "";
  for await (const chunk of key) text += chunk.toString();
  expect(text).toContain("BEGIN PRIVATE KEY");
  // A plain download only counts once the customer says the key is stored (the key guard).
  await page.getByLabel("I have stored the private key in a safe place").check();
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Damrak 1",
    City: "Amsterdam",
    "State or province": "Noord-Holland",
    "Postal code": "1012 LG",
  });
  await wizard.next("Product details");
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  const [order] = (await sandboxOrders(await wizard.externalNumber())) as {
    params: Record<string, string>;
  }[];
  // Sectigo gets the CSR's DER as one line of base64, never the pasted PEM.
  expect(order?.params.csr).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  expect(JSON.stringify(order)).not.toContain("PRIVATE KEY");
});

test("a weak-key CSR is stopped at the CSR step with the reason", async ({ page }) => {
  const wizard = new Wizard(page);
  const weak = await makeCsr({
    algorithm: "RSA-1024",
    subject: { commonName: "Weak Key", countryName: "DE" },
  });
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(weak);
  await expect(page.getByRole("region", { name: "What your CSR contains" })).toContainText("2048");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("2048");
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
});

test("a CSR whose subject no certificate can hold is stopped at the CSR step, naming the fields", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  const overlong = await makeCsr({ subject: { commonName: "E".repeat(65), countryName: "DEU" } });
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(overlong);
  const analysis = page.getByRole("region", { name: "What your CSR contains" });
  await expect(analysis).toContainText("common name (CN) is 65 characters long, but at most 64");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("common name (CN) is 65 characters long");
  await expect(alertBox(page)).toContainText('country (C) is "DEU"');
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
});

test("a draft is saved between steps and resumed after a reload, and listed in My orders", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate QSCD");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /5 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await expect(page).toHaveURL(/\/orders\/[a-z0-9]+\/edit\?step=csr/);
  await page.reload();
  await expect(wizard.heading()).toHaveText("Certificate request (CSR)");
  await wizard.back("Validity and delivery");
  await expect(page.getByRole("radio", { name: /5 years/ })).toBeChecked();
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "Drafts" })).toBeVisible();
  await page.getByRole("link", { name: /Resume draft/ }).click();
  await expect(wizard.heading()).toHaveText("Validity and delivery");
  await page.goto("/orders");
  await page.getByRole("button", { name: /Delete draft/ }).click();
  await expect(page.getByText("Draft deleted.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Drafts" })).toHaveCount(0);
});

async function fillCitizenUpToReview(wizard: Wizard, csr: string): Promise<void> {
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /1 year/,
    csr,
    details: { "Personal identifier": "PNODE-99887766" },
  });
}

async function orderQwacNatural(wizard: Wizard, csr: string, uniqueValue: string): Promise<void> {
  await wizard.walkToReview({
    product: "QWAC Natural",
    validity: /90 days/,
    csr,
    country: "DE",
    details: {
      "Domain names": "reuse.example",
      "Personal identifier": "PNODE-1122334455",
      "Unique value for domain validation": uniqueValue,
    },
  });
  await wizard.placeOrder();
}

test("a rejection by the CA points to its field, is fixed and resubmitted as the same order", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  const csr = await makeCsr({ subject: { commonName: "reuse.example" }, dnsNames: ["reuse.example"] });
  const uniqueValue = `U${Date.now()}`;
  await orderQwacNatural(wizard, csr, uniqueValue);
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();

  // The same CSR and unique value again: Sectigo refuses the reused DCV request token.
  await orderQwacNatural(wizard, csr, uniqueValue);
  await expect(page.getByText("Needs your correction")).toBeVisible();
  await expect(page.getByText("Why Sectigo refused it")).toBeVisible();
  const number = await wizard.externalNumber();
  expect(await sandboxOrders(number)).toHaveLength(0);
  await page.getByRole("link", { name: /Fix “Unique value for domain validation”/ }).click();
  await expect(wizard.heading()).toHaveText("Product details");
  await expect(wizard.field("Unique value for domain validation")).toBeFocused();
  await wizard.fill({ "Unique value for domain validation": `${uniqueValue}b` });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  expect(await wizard.externalNumber()).toBe(number);
  expect(await sandboxOrders(number)).toHaveLength(1);
  await expect(page.getByText("Refused by Sectigo")).toBeVisible();
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
});

test("a double click and a second tab place exactly one order at the CA", async ({ page, context }) => {
  const wizard = new Wizard(page);
  await fillCitizenUpToReview(
    wizard,
    await makeCsr({ subject: { commonName: "Double Click", countryName: "DE" } }),
  );
  const number =
    /EQ-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await page.getByText(/draft saved/).innerText())?.[0] ?? "";
  expect(number).not.toBe("");
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole("button", { name: "Place order" })).toBeVisible();
  await Promise.all([
    page.getByRole("button", { name: "Place order" }).dblclick(),
    second.getByRole("button", { name: "Place order" }).click(),
  ]);
  // One window lands on the placed order; the other is told the order was already sent.
  await expect
    .poll(async () => [page, second].filter((p) => /\/orders\/[a-z0-9]+$/.test(p.url())).length, {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(1);
  await expect.poll(async () => (await sandboxOrders(number)).length).toBe(1);
  await page.waitForTimeout(1_000);
  expect(await sandboxOrders(number)).toHaveLength(1);
  const loser = /\/orders\/[a-z0-9]+$/.test(page.url()) ? second : page;
  if (!/\/orders\/[a-z0-9]+$/.test(loser.url())) {
    await expect(alertBox(loser)).toContainText(/already|another window/);
  }
});

test("the wizard fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal for PSD2");
  await wizard.next("Validity and delivery");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("Validity");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
