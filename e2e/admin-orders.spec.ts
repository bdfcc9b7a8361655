import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { Wizard } from "./wizard";

// The order history as an admin uses it: a customer makes one placed order and eleven drafts
// through the wizard (the e2e server starts on an empty embedded database), then the admin
// filters, sorts, pages and exports them, and opens the placed order's detail page.

const DRAFT_PRODUCTS = [
  "Citizen Qualified Certificate QSCD",
  "Employee Qualified Certificate",
  "Employee Qualified Certificate QSCD",
  "QWAC Natural",
  "QWAC Natural Multi-Domain",
  "Seal Qualified certificate",
  "Seal Qualified certificate QSCD",
  "Seal for PSD2",
  "QWAC Legal",
  "QWAC Legal Multi-Domain",
  "QWAC Legal for PSD2",
];

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** A citizen certificate placed at the sandbox CA; returns its external order number. */
async function placeCitizenOrder(page: Page): Promise<string> {
  const wizard = new Wizard(page);
  const csr = await makeCsr({ subject: { commonName: "Hanna History", countryName: "DE" } });
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /1 year/,
    csr,
    details: { "Personal identifier": "PNODE-20261127" },
  });
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo").first()).toBeVisible();
  return wizard.externalNumber();
}

async function saveDraft(page: Page, product: string): Promise<void> {
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct(product);
  await wizard.next("Validity and delivery");
}

function orderRows(page: Page) {
  return page.getByRole("table", { name: "Orders matching the filters" }).locator("tbody tr");
}

test("an admin filters, sorts, pages and exports the order history", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const customerEmail = uniqueEmail("history");
  const customer = await newPage(browser);
  await signUp(customer, { email: customerEmail, password: "history password 123" });
  const placed = await placeCitizenOrder(customer);
  for (const product of DRAFT_PRODUCTS) await saveDraft(customer, product);

  // The customer finds the order by number and by status; drafts stay in their own section.
  await customer.goto("/orders");
  await expect(customer.getByRole("heading", { name: "Drafts" })).toBeVisible();
  await customer.getByRole("searchbox", { name: "Order number" }).fill(placed.slice(3, 9).toLowerCase());
  await customer.getByRole("button", { name: "Search" }).click();
  await expect(customer).toHaveURL(/\/orders\?q=/);
  await expect(
    customer.getByRole("table", { name: "My orders matching the search" }).locator("tbody tr"),
  ).toHaveCount(1);
  await customer.getByLabel("Status").selectOption({ label: "Cancelled" });
  await customer.getByRole("button", { name: "Search" }).click();
  await expect(customer.getByRole("status")).toHaveText("No orders match these filters.");

  // The admin narrows the list to this customer, ten rows a page.
  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.getByRole("link", { name: "All orders" }).click();
  await page.getByLabel("Customer e-mail").fill(customerEmail.toUpperCase());
  await page.getByLabel("Rows per page").selectOption("10");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/customer=.*&size=10/);
  await expect(orderRows(page)).toHaveCount(10);
  await expect(page.getByRole("columnheader", { name: /Created/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const firstPage = await orderRows(page).allInnerTexts();

  const pages = page.getByRole("navigation", { name: "Order list pages" });
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(orderRows(page)).toHaveCount(2);
  // The placed order came first, so it is the oldest: on the last page, at the bottom.
  await expect(orderRows(page).last()).toContainText(placed);
  await pages.getByRole("link", { name: "Previous page" }).click();
  await expect(orderRows(page)).toHaveCount(10);
  expect(await orderRows(page).allInnerTexts()).toEqual(firstPage);

  // Sorting keeps the filters; a second click turns the order round.
  await page
    .getByRole("columnheader", { name: /Product/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=product&dir=asc/);
  await expect(page).toHaveURL(/customer=/);
  await expect(page.getByRole("columnheader", { name: /Product/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("columnheader", { name: /Created/ })).not.toHaveAttribute("aria-sort", /.+/);
  await expect(orderRows(page).first()).toContainText("Citizen Qualified Certificate");
  await page
    .getByRole("columnheader", { name: /Product/ })
    .getByRole("link")
    .click();
  await expect(page.getByRole("columnheader", { name: /Product/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(orderRows(page).first()).toContainText("QWAC Natural Multi-Domain");

  await page.getByLabel("Status").selectOption("PLACED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(orderRows(page)).toHaveCount(1);
  await expect(orderRows(page)).toContainText(placed);

  // The export takes the same filters: one row, this order.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Export CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^orders-\d{8}\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "External order number,Sectigo order number,Product code,Product,Status,Customer e-mail,Organization,Common name,Test order,Total cost,Quote currency,Quoted net,Quoted VAT rate (%),Quoted VAT,Quoted gross,VAT country,Reverse charge,Customer VAT number,Margin,Created (UTC),Placed (UTC)",
  );
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${placed},`);
  expect(lines[1]).toContain(",777,Citizen Qualified Certificate,PLACED,");
  expect(lines[1]).toContain(customerEmail);
  expect(csv).not.toContain("loginPassword");
  expect(csv).not.toContain("$argon2");

  const exportUrl = await page.getByRole("link", { name: /Export CSV/ }).getAttribute("href");
  const response = await page.request.get(exportUrl!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="orders-\d{8}\.csv"$/);

  // A search that matches nothing says so.
  await page.getByRole("searchbox", { name: "Search" }).fill("no such order anywhere");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status")).toHaveText("No orders match these filters.");

  // Everything about the placed order, with the Sectigo password never shown.
  await page.getByRole("searchbox", { name: "Search" }).fill(placed);
  await page.getByRole("button", { name: "Filter" }).click();
  await orderRows(page).getByRole("link", { name: placed }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(placed);
  await expect(page.getByRole("heading", { name: "Attempts (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Attempt 1: Placed" })).toBeVisible();
  await page.getByText(/Request parameters as sent/).click();
  await expect(page.getByRole("row", { name: /loginPassword/ })).toContainText("[REDACTED]");
  await expect(page.getByRole("row", { name: /foreignOrderNumber/ })).toContainText(placed);
  await expect(page.getByRole("link", { name: "Open in support view" })).toHaveAttribute(
    "href",
    /^\/support\/orders\/[a-z0-9]+$/,
  );

  // Only admins export: a customer is refused, an anonymous visitor is sent to sign in.
  expect((await customer.request.get("/admin/orders/export")).status()).toBe(403);
  const anonymous = await newPage(browser);
  const redirect = await anonymous.request.get("/admin/orders/export", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toMatch(/\/sign-in/);
  await customer.context().close();
  await anonymous.context().close();
});
