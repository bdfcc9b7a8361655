import { expect, test, type Page, type Request } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { createDatabase, DatabaseProxy, PortalProcess } from "./outage";
import { alertBox, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, sandboxOrders, Wizard } from "./wizard";

// A failed save or submit must keep every typed value on screen and in the browser's storage,
// say in words what happened and offer to try again. The outages are real: the database of this
// spec's own portal is reached through a proxy the spec cuts, and the portal itself is killed.

const port = Number(process.env.E2E_RESILIENCE_PORT || Number(process.env.E2E_PORT || 3100) + 2000);
const proxy = new DatabaseProxy();
let database: Awaited<ReturnType<typeof createDatabase>>;
let portal: PortalProcess;

test.use({ baseURL: `http://127.0.0.1:${port}` });
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  database = await createDatabase(`e2e_wizard_${process.pid}_${Date.now()}`);
  await proxy.start();
  const url = `postgresql://postgres@127.0.0.1:${proxy.port}/${database.name}`;
  portal = new PortalProcess(port, url);
  await portal.start();
});

test.afterAll(async () => {
  await portal?.kill();
  await proxy.stop();
  await database?.drop();
});

test.beforeEach(async ({ page }) => {
  proxy.restore();
  if (!portal.running) await portal.start();
  const email = uniqueEmail("resilience");
  await signUp(page, { email, password: "resilience password 1", verify: false });
  // This spec's portal sends no mail (no jobs, no demo admin to read it); its database is at hand,
  // so the new customer's address is confirmed there, as the mailed link would.
  await database.query(`UPDATE "User" SET "emailVerifiedAt" = now() WHERE "email" = $1`, [email]);
});

const ADDRESS = {
  "Street address": "Hauptstr. 1",
  City: "Berlin",
  "State or province": "Berlin",
  "Postal code": "10115",
};

async function walkToOrganization(wizard: Wizard): Promise<void> {
  await wizard.start();
  await wizard.chooseProduct("Citizen Qualified Certificate");
  await wizard.next("Validity and delivery");
  await wizard.page.getByRole("radio", { name: /2 years/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(
    await makeCsr({ algorithm: "P-256", subject: { commonName: "Resilient Example", countryName: "DE" } }),
  );
  await wizard.next(ADDRESS_STEP);
  await wizard.fill(ADDRESS);
}

async function walkToReview(wizard: Wizard): Promise<void> {
  await walkToOrganization(wizard);
  await wizard.next("Product details");
  await wizard.fill({ "Personal identifier": "PNODE-1234567890" });
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
}

/** A server action call of the wizard: a save carries the step, the submission does not. */
function isAction(request: Request, kind: "save" | "submit"): boolean {
  if (request.method() !== "POST" || !request.headers()["next-action"]) return false;
  const body = request.postData() ?? "";
  if (!body.includes('"orderId"')) return false;
  return kind === "save" ? body.includes('"step"') : !body.includes('"step"');
}

/** Runs `outage` as the next matching action call leaves the browser, then lets it go on. */
async function onNextAction(page: Page, kind: "save" | "submit", outage: () => Promise<void> | void) {
  let fired = false;
  await page.route("**/*", async (route) => {
    if (!fired && isAction(route.request(), kind)) {
      fired = true;
      await outage();
    }
    await route.continue().catch(() => undefined);
  });
}

async function storedBackup(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ ...window.localStorage }));
}

function orderIdOf(page: Page): string {
  return /\/orders\/([a-z0-9]+)/.exec(page.url())?.[1] ?? "";
}

async function storedInput(orderId: string): Promise<Record<string, unknown>> {
  const rows = await database.query<{ input: Record<string, unknown> }>(
    `SELECT input FROM "Order" WHERE id = $1`,
    [orderId],
  );
  return rows[0]?.input ?? {};
}

async function expectAddressOnScreen(wizard: Wizard): Promise<void> {
  for (const [label, value] of Object.entries(ADDRESS)) await expect(wizard.field(label)).toHaveValue(value);
}

test("database down at Save and continue: typed values stay, a reload after recovery still has them", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await walkToOrganization(wizard);
  const orderId = orderIdOf(page);
  expect(orderId).not.toBe("");

  proxy.cut();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("could not be saved");
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(wizard.heading()).toHaveText(ADDRESS_STEP);
  await expectAddressOnScreen(wizard);
  expect(await storedBackup(page)).toContain("Hauptstr. 1");

  // While the database is down, a reload shows the route's error page with a way back, not
  // Next's generic one.
  await page.reload();
  await expect(page.getByRole("heading", { name: "This page could not be loaded" })).toBeVisible();
  await expect(page.getByRole("link", { name: /my orders/i })).toBeVisible();

  proxy.restore();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(wizard.heading()).toHaveText(ADDRESS_STEP);
  await expectAddressOnScreen(wizard);
  expect((await storedInput(orderId)).streetAddress1).toBeUndefined();

  await wizard.next("Product details");
  expect(await storedInput(orderId)).toMatchObject({
    streetAddress1: "Hauptstr. 1",
    localityName: "Berlin",
    postalCode: "10115",
  });
  expect(await storedBackup(page)).not.toContain("Hauptstr. 1");
});

test("portal killed during Save and continue: typed values stay and are saved on Try again", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await walkToOrganization(wizard);
  const orderId = orderIdOf(page);

  await onNextAction(page, "save", () => portal.kill());
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(alertBox(page)).toContainText("could not be saved");
  await expect(alertBox(page)).toContainText("could not be reached");
  await expect(wizard.heading()).toHaveText(ADDRESS_STEP);
  await expectAddressOnScreen(wizard);
  expect(await storedBackup(page)).toContain("Hauptstr. 1");

  await portal.start();
  await page.unrouteAll();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(wizard.heading()).toHaveText("Product details");
  expect(await storedInput(orderId)).toMatchObject({ streetAddress1: "Hauptstr. 1", localityName: "Berlin" });
});

test("database down while the order is placed: the review stays, Try again places it once", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await walkToReview(wizard);
  const orderId = orderIdOf(page);
  const number = /EQ-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await page.locator("form:has(h2)").innerText())?.[0] ?? "";
  expect(number).not.toBe("");

  await onNextAction(page, "submit", () => proxy.cut());
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(alertBox(page)).toContainText("could not be sent");
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expect(wizard.heading()).toHaveText("Review and submit");
  await expect(page.locator("form:has(h2)")).toContainText("Hauptstr. 1");
  expect(await sandboxOrders(number)).toHaveLength(0);

  proxy.restore();
  await page.unrouteAll();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`), { timeout: 30_000 });
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  expect(await sandboxOrders(number)).toHaveLength(1);
  expect(await storedInput(orderId)).toMatchObject({ streetAddress1: "Hauptstr. 1" });
});

test("portal killed while the order is placed: the review stays, Try again places it once", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await walkToReview(wizard);
  const orderId = orderIdOf(page);
  const number = /EQ-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await page.locator("form:has(h2)").innerText())?.[0] ?? "";

  await onNextAction(page, "submit", () => portal.kill());
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(alertBox(page)).toContainText("could not be sent");
  await expect(wizard.heading()).toHaveText("Review and submit");
  await expect(page.locator("form:has(h2)")).toContainText("Hauptstr. 1");
  expect(await storedBackup(page)).toContain("Hauptstr. 1");

  await portal.start();
  await page.unrouteAll();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`), { timeout: 30_000 });
  await expect(page.getByText("Placed at Sectigo")).toBeVisible();
  expect(await sandboxOrders(number)).toHaveLength(1);
  expect(await storedBackup(page)).not.toContain("Hauptstr. 1");
});

test("an order being sent says so on its page, and the page shows what came of it by itself", async ({
  page,
}) => {
  const wizard = new Wizard(page);
  await walkToOrganization(wizard);
  const orderId = orderIdOf(page);
  // The moment between the claim and Sectigo's answer, held still: a send in flight.
  await database.query(`UPDATE "Order" SET status = 'SUBMITTING' WHERE id = $1`, [orderId]);
  await page.goto(`/orders/${orderId}`);
  const next = page.getByRole("status").filter({ hasText: "What happens next" });
  await expect(next).toContainText("being sent to Sectigo");
  await expect(next).toContainText("never places it twice");

  await database.query(`UPDATE "Order" SET status = 'NEEDS_REVIEW' WHERE id = $1`, [orderId]);
  await expect(next).toContainText("Our support team is looking at this order.", { timeout: 15_000 });
  await expect(next).not.toContainText("being sent to Sectigo");
});
