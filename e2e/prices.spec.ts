import { expect, test, type Browser, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { Wizard } from "./wizard";

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
});
