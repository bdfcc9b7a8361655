import { expect, test, type Browser, type Locator, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, sandboxOrders, Wizard } from "./wizard";

// What customers see (issues #10, #11, #14): only their own choices in the wizard, no reseller
// cost on their order page, a status column that fits a 375 px phone, and a "Clear" that
// clears every filter. The admin sees the cost and sets the server software, audited.

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

async function admin(browser: Browser): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, demo.admin, DEMO_PASSWORD);
  return page;
}

/** The element's box lies inside the viewport's width and inside the scroll region's box. */
async function expectFullyVisible(element: Locator, region: Locator, width: number) {
  const box = (await element.boundingBox())!;
  const frame = (await region.boundingBox())!;
  expect(box, "element has a box").not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(box.x).toBeGreaterThanOrEqual(frame.x);
  expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
}

test("a customer sees only their own choices and no reseller cost; the admin sees the cost", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signUp(page, { email: uniqueEmail("display"), password: "display password 123" });
  const wizard = new Wizard(page);
  const csr = await makeCsr({ subject: { commonName: "Clara Display", countryName: "DE" } });
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Street address": "Hauptstr. 1",
    City: "Berlin",
    "State or province": "Berlin",
    "Postal code": "10115",
  });
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-20261202" });
  await wizard.next("Contacts");

  // The contacts step asks what the customer decides, and none of the reseller's switches.
  await expect(wizard.field("Applicant representative's e-mail")).toBeVisible();
  await expect(wizard.field("How Sectigo verifies the representative")).toBeVisible();
  for (const label of [
    "Callback already completed by us",
    "Representative's contact details already verified by us",
    "Documents already validated by the customer",
    "Server software",
    "DCV e-mail template ID",
    "Shipping e-mail template ID",
  ]) {
    await expect(wizard.field(label), label).toHaveCount(0);
  }
  await expect(page.getByText("Advanced options")).toHaveCount(0);
  await expect(page.locator("option", { hasText: /AOL|Netscape/ })).toHaveCount(0);

  await wizard.next("Review and submit");
  await wizard.placeOrder();
  await expect(page.getByText("Placed at Sectigo").first()).toBeVisible();
  const number = await wizard.externalNumber();
  const orderPath = new URL(page.url()).pathname;
  const [atCa] = (await sandboxOrders(number)) as { totalCost: string; params: Record<string, string> }[];
  expect(atCa!.params).toMatchObject({
    serverSoftware: "-1",
    isCustomerValidated: "N",
    isAppRepValidated: "N",
    isCallbackCompleted: "N",
  });
  expect(Number(atCa!.totalCost)).toBeGreaterThan(0);

  // The customer's order page carries no cost at all.
  await expect(page.getByText("Sectigo order number", { exact: true })).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: /cost/i })).toHaveCount(0);
  const customerText = await page.locator("main").innerText();
  expect(customerText).not.toContain("reseller account currency");
  expect(customerText).not.toContain(atCa!.totalCost);

  // At 375 px the list shows the whole status column, no sideways scrolling needed.
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto("/orders");
  const region = page.getByRole("region", { name: "My orders" });
  await expect(region).toBeVisible();
  await expectFullyVisible(page.getByRole("columnheader", { name: "Status" }), region, 375);
  const badge = region.locator("tbody tr").first().getByText("Placed at Sectigo");
  await expect(badge).toBeVisible();
  await expectFullyVisible(badge, region, 375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // The admin sees the reseller's cost, and the server software as sent.
  const staff = await admin(browser);
  await staff.goto(`/admin${orderPath}`);
  await expect(staff.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(staff.getByRole("definition").filter({ hasText: atCa!.totalCost })).toBeVisible();
  await expect(staff.getByText(/can no longer change once the order has been sent/)).toBeVisible();
  await staff.context().close();
});

test("an admin sets the server software of a draft, audited, and sees errors announced", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("software");
  await signUp(page, { email, password: "software password 123" });
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");

  const staff = await admin(browser);
  await staff.goto(`/admin/orders?customer=${encodeURIComponent(email)}`);
  await staff
    .getByRole("table", { name: "Orders matching the filters" })
    .locator("tbody tr")
    .first()
    .getByRole("link")
    .first()
    .click();
  await expect(staff.getByRole("heading", { name: "Server software" })).toBeVisible();
  await expect(staff.getByText(/Currently -1/)).toBeVisible();

  // No reason: refused, announced, nothing changed.
  await staff.getByLabel("Server software sent to Sectigo").selectOption("14");
  await staff.getByRole("button", { name: "Set server software" }).click();
  await expect(staff.getByRole("alert").filter({ hasText: /reason/i })).toBeVisible();
  await expect(staff.getByLabel("Reason for the change")).toBeFocused();

  await staff.getByLabel("Reason for the change").fill("Sectigo asked for the IIS code");
  await staff.getByRole("button", { name: "Set server software" }).click();
  await expect(
    staff.getByRole("status").filter({ hasText: /Server software set to Microsoft IIS 5/ }),
  ).toBeVisible();
  await staff.reload();
  await expect(staff.getByText(/Currently 14/)).toBeVisible();
  await expect(staff.locator("section[aria-labelledby=audit-heading]")).toContainText(
    "order.server_software_set",
  );
  await staff.context().close();
});

test("Clear resets every filter and the next search uses none", async ({ page, browser }) => {
  const email = uniqueEmail("clear");
  await signUp(page, { email, password: "clear password 123" });
  const wizard = new Wizard(page);
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");

  const staff = await admin(browser);
  await staff.goto("/admin/orders");
  await staff.getByLabel("Status").selectOption("PLACED");
  await staff.getByLabel("Product").selectOption("781");
  await staff.getByLabel("Test or live").selectOption("live");
  await staff.getByLabel("Customer e-mail").fill(email);
  await staff.getByRole("button", { name: "Filter" }).click();
  await expect(staff).toHaveURL(/status=PLACED/);
  await expect(staff.getByRole("status")).toHaveText("No orders match these filters.");

  await staff.getByRole("link", { name: "Clear" }).click();
  await expect(staff).toHaveURL(/\/admin\/orders$/);
  await expect(staff.getByLabel("Status")).toHaveValue("");
  await expect(staff.getByLabel("Product")).toHaveValue("");
  await expect(staff.getByLabel("Test or live")).toHaveValue("");
  await expect(staff.getByLabel("Customer e-mail")).toHaveValue("");

  // The next search uses only what is typed now: this customer's draft, whatever its status.
  await staff.getByLabel("Customer e-mail").fill(email);
  await staff.getByRole("button", { name: "Filter" }).click();
  await expect(staff).toHaveURL(/customer=/);
  const used = new URL(staff.url()).searchParams;
  for (const key of ["status", "product", "mode"]) expect(used.get(key) ?? "", key).toBe("");
  const rows = staff.getByRole("table", { name: "Orders matching the filters" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Seal Qualified certificate");
  await staff.context().close();
});

test("the customer's Clear resets the search and status too", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, { email: uniqueEmail("clear-me"), password: "clear password 123" });
  const wizard = new Wizard(page);
  const csr = await makeCsr({ subject: { commonName: "Dora Clear", countryName: "DE" } });
  await wizard.walkToReview({
    product: "Citizen Qualified Certificate",
    validity: /1 year/,
    csr,
    details: { "Personal identifier": "PNODE-20261203" },
  });
  await wizard.placeOrder();
  await page.goto("/orders");
  await page.getByRole("searchbox", { name: "Order number" }).fill("EQ-NONE");
  await page.getByLabel("Status").selectOption({ label: "Cancelled" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("No orders match these filters.");

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByRole("searchbox", { name: "Order number" })).toHaveValue("");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("region", { name: /My orders/ }).locator("tbody tr")).toHaveCount(1);
});
