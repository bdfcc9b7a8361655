import { expect, test, type Browser, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { createOrganization } from "./organizations";
import { ADDRESS_STEP, Wizard } from "./wizard";

// Prices end to end: the admin sets a price, the customer sees it beside the validity and the
// total with VAT of their country at review, the order keeps it, and the admin's history shows
// the margin over the sandbox CA's cost (777 for three years costs 3 × 89.00 there).

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

test("an admin's price reaches the wizard, the order and the margin", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Prices" }).click();
  await page.getByLabel("Certificate and validity").selectOption({
    label: "Citizen Qualified Certificate — 3 years (1095 days)",
  });
  await page.getByLabel("Net price (without VAT)").fill("300");
  await page.getByRole("button", { name: "Save price" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Price saved" })).toHaveText(/300\.00 EUR/);
  await expect(
    page.getByRole("row", { name: /Citizen Qualified Certificate — 3 years \(1095 days\)/ }),
  ).toContainText("€300.00");

  const customerEmail = uniqueEmail("prices");
  const customer = await newPage(browser);
  await signUp(customer, { email: customerEmail, password: "prices password 123" });
  const wizard = new Wizard(customer);
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  // Before the first save (no draft yet) the first step prices the choice already.
  await expect(customer).toHaveURL(/\/orders\/new/);
  await expect(customer.getByTestId("chosen-price")).toHaveText(
    /^Citizen Qualified Certificate: from €\d+\.\d\d plus VAT, depending on the validity/,
  );
  await wizard.next("Validity and delivery");
  await expect(
    customer.getByRole("radio", { name: /3 years \(1095 days\) — €300\.00 plus VAT/ }),
  ).toBeVisible();

  const csr = await makeCsr({ subject: { commonName: "Paula Price", countryName: "DE" } });
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /3 years/,
    csr,
    details: { "Personal identifier": "PNODE-20261207" },
  });
  const price = customer.getByRole("region", { name: "Price", exact: true });
  await expect(price.getByTestId("quote-net")).toHaveText("€300.00");
  await expect(price.getByText("VAT 19 %")).toBeVisible();
  await expect(price.getByTestId("quote-vat")).toHaveText("€57.00");
  await expect(price.getByTestId("quote-gross")).toHaveText("€357.00");
  await wizard.placeOrder();
  await expect(customer.getByTestId("order-price")).toHaveText("€357.00 incl. 19 % VAT (€300.00 net)");
  const external = await wizard.externalNumber();

  // The admin's history: quoted net and margin on the row, and the month's sums.
  await page.getByRole("link", { name: "All orders" }).click();
  await page.getByLabel("Customer e-mail").fill(customerEmail);
  await page.getByRole("button", { name: "Filter" }).click();
  const row = page.getByRole("row", { name: new RegExp(external) });
  await expect(row).toContainText("€300.00");
  await expect(row).toContainText("€33.00");
  // The customer's early draft has no quote: it is summed in a row of its own (no currency).
  const sums = page.getByRole("region", { name: "Sums per month" });
  const quotedMonth = sums.getByRole("row", { name: /€300\.00/ });
  await expect(quotedMonth).toHaveCount(1);
  await expect(quotedMonth).toContainText("€267.00");
  await expect(quotedMonth).toContainText("€33.00");

  // EU reverse charge: the customer's Dutch company gives its VAT number and orders for a Dutch
  // address; the seller is in DE, so the review, and then the order, say 0 % "reverse charge".
  const orgName = `Prijs ${Date.now().toString(36)} BV`;
  const orgId = await createOrganization(customer, orgName);
  await customer.goto(`/organizations/${orgId}/profile`);
  await customer.getByLabel("EU VAT identification number (optional)").fill("NL 8104.33942-B01");
  await customer.getByRole("button", { name: "Save VAT number" }).click();
  await expect(customer.getByRole("alert").filter({ hasText: "check digits" })).toBeVisible();
  await customer.getByLabel("EU VAT identification number (optional)").fill("nl 810433941 b01");
  await customer.getByRole("button", { name: "Save VAT number" }).click();
  await expect(
    customer.getByRole("status").filter({ hasText: "VAT number NL810433941B01 saved." }),
  ).toBeVisible();
  await customer.goto("/orders/new");
  await customer.getByRole("radio", { name: orgName }).check();
  await customer.getByRole("button", { name: "Continue" }).click();
  await expect(wizard.heading()).toHaveText("Certificate");
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await customer.getByRole("radio", { name: /3 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(await makeCsr({ subject: { commonName: "Pieter Prijs", countryName: "NL" } }));
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Damrak 1",
    City: "Amsterdam",
    "State or province": "Noord-Holland",
    "Postal code": "1012 LG",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-20261207" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await expect(price.getByTestId("reverse-charge")).toHaveText("— reverse charge");
  await expect(price.getByTestId("quote-vat")).toHaveText("€0.00");
  await expect(price.getByTestId("quote-gross")).toHaveText("€300.00");
  await expect(
    price.getByText(/customer \(VAT number NL810433941B01\) accounts for the VAT in NL/),
  ).toBeVisible();
  await wizard.placeOrder();
  await expect(customer.getByTestId("order-price")).toHaveText(
    "€300.00, no VAT: reverse charge (your VAT number NL810433941B01)",
  );
  const reversed = await wizard.externalNumber();
  // The admin's history marks it too.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(reversed) })).toContainText(
    "€300.00 (reverse charge)",
  );
});
