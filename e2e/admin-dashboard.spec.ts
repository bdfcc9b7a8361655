import { expect, test, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { Wizard } from "./wizard";

// The admin dashboard in the browser: a customer places a citizen certificate order today; the
// admin sees every chart with its table, reads today's numbers, filters by product, follows a
// number to the order history behind it, and the page fits a 375-pixel screen.

const CHARTS = [
  "Orders per day by status",
  "Orders per day by product",
  "Placed, validated, issued",
  "Support queue by reason",
  "Sectigo answers by outcome",
  "Sectigo latency per endpoint",
  "Certificates expiring per month",
  "Revenue and margin per month",
];

/** Today's number in a chart's table (opened first): the cell of `series`, 0 when absent. */
async function todays(page: Page, chart: string, series: string): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  const region = page.getByRole("region", { name: `${chart}: table` });
  if (!(await region.isVisible())) await page.getByText(`${chart}: table`, { exact: true }).click();
  const cell = region.locator(`tr[data-category="${today}"] td[data-series="${series}"]`);
  return (await cell.count()) ? Number((await cell.textContent())!.replaceAll(",", "")) : 0;
}

test("the admin dashboard: charts with tables, filters, links to the history, 375 px", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const customer = await context.newPage();
  await signUp(customer, { email: uniqueEmail("dashboard"), password: "dashboard password 123" });
  const wizard = new Wizard(customer);
  const csr = await makeCsr({ subject: { commonName: "Dora Dashboard", countryName: "DE" } });
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /1 year/,
    csr,
    details: { "Personal identifier": "PNODE-20261208" },
  });
  await wizard.placeOrder();
  await expect(customer.getByText("Placed at Sectigo").first()).toBeVisible();
  const placed = await wizard.externalNumber();
  await context.close();

  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  for (const chart of CHARTS) {
    const figure = page.getByRole("figure", { name: chart });
    await expect(figure).toBeVisible();
    await expect(figure.getByText(`${chart}: table`, { exact: true })).toBeVisible();
  }
  // Nothing wider than a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  const citizen = await todays(page, "Orders per day by product", "777");
  expect(citizen).toBeGreaterThanOrEqual(1);
  const placedToday = await todays(page, "Orders per day by status", "PLACED");
  expect(placedToday).toBeGreaterThanOrEqual(1);
  expect(await todays(page, "Sectigo answers by outcome", "ok")).toBeGreaterThanOrEqual(1);

  // Another product: today's citizen orders are no longer counted.
  await page.getByLabel("Product", { exact: true }).selectOption("781");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/product=781/);
  expect(await todays(page, "Orders per day by product", "777")).toBe(0);
  expect(await todays(page, "Orders per day by status", "PLACED")).toBeLessThan(placedToday);

  // The citizen product again, and from today's number to the orders behind it.
  await page.getByLabel("Product", { exact: true }).selectOption("777");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/product=777/);
  expect(await todays(page, "Orders per day by product", "777")).toBe(citizen);
  const today = new Date().toISOString().slice(0, 10);
  await page
    .getByRole("region", { name: "Orders per day by product: table" })
    .locator(`tr[data-category="${today}"] td[data-series="777"] a`)
    .click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders\\?from=${today}&to=${today}&product=777`));
  await expect(page.getByRole("table", { name: "Orders matching the filters" })).toContainText(placed);
});
