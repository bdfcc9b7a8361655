import { expect, test, type Browser, type Page } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { alertBox, demo, DEMO_PASSWORD, signIn, signUp, uniqueEmail } from "./support";
import { ADDRESS_STEP, SANDBOX, sandboxOrders, Wizard } from "./wizard";

// Support rescues a failed order: the customer's submission meets an HTTP 503 at the CA, the
// order lands in the support queue, and a support agent retries it with a reason and sees it
// placed, with exactly one order at the CA. Needs RETRY_MAX_ATTEMPTS=0 in the server's env, so
// the failure goes to the queue at once instead of to an automatic retry.

async function setSandboxFault(body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${SANDBOX}/sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
}

async function otherPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** A customer's seal order through the wizard, sent while the CA answers HTTP 503. */
async function failedCustomerOrder(page: Page): Promise<string> {
  await signUp(page, { email: uniqueEmail("rescued"), password: "rescued password 123" });
  const wizard = new Wizard(page);
  const csr = await makeCsr({
    subject: { commonName: "Seal Maker BV", organizationName: "Seal Maker BV", countryName: "NL" },
  });
  await wizard.start();
  await wizard.chooseProduct("Seal Qualified certificate");
  await wizard.next("Validity and delivery");
  await page.getByRole("radio", { name: /1 year/ }).check();
  await wizard.next("Certificate request (CSR)");
  await wizard.pasteCsr(csr);
  await wizard.next(ADDRESS_STEP);
  await wizard.fill({
    "Organization identifier": "VATNL-810433941B01",
    "Street address": "Damrak 1",
    City: "Amsterdam",
    "State or province": "Noord-Holland",
    "Postal code": "1012 LG",
  });
  await wizard.next("Product details");
  await wizard.next("Contacts");
  await wizard.next("Review and submit");
  await setSandboxFault({ mode: "http503", remaining: 1 });
  await wizard.placeOrder();
  await expect(page.getByText("Being checked").first()).toBeVisible();
  return wizard.externalNumber();
}

test.afterEach(async () => {
  await setSandboxFault({});
});

test("support finds a failed order in the queue, retries it with a reason and sees it placed", async ({
  page,
  browser,
}) => {
  const number = await failedCustomerOrder(page);
  expect(number).toMatch(/^EQ-/);
  expect(await sandboxOrders(number)).toHaveLength(0);

  // The customer cannot open the support area.
  expect((await page.goto("/support"))?.status()).toBe(403);

  const agent = await otherPerson(browser);
  await signIn(agent, demo.support, DEMO_PASSWORD);
  await agent.getByRole("link", { name: "Support queue" }).click();
  await expect(agent.getByRole("heading", { name: "Support queue" })).toBeVisible();
  await agent.getByLabel("State").selectOption("OUTCOME_UNKNOWN");
  await agent.getByRole("button", { name: "Filter" }).click();
  await expect(agent).toHaveURL(/status=OUTCOME_UNKNOWN/);
  const row = agent.getByRole("row").filter({ hasText: number });
  await expect(row).toContainText("Sectigo may have the order");
  await row.getByRole("link", { name: number }).click();

  await expect(agent.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(agent.getByText("Attempt 1: Unknown")).toBeVisible();
  const retry = agent.getByRole("form", { name: "Retry the order" });
  await expect(retry).toContainText(`same external order number ${number} with checkFONIsUnique=Y`);

  // The reason is required: the error is announced and focus moves to the field.
  await retry.getByRole("button", { name: "Retry now" }).click();
  await expect(alertBox(agent)).toContainText("at least 5 characters");
  await expect(retry.getByLabel("Reason")).toBeFocused();

  await retry.getByLabel("Reason").fill("Sectigo had an outage; customer asked us to try again");
  await retry.getByRole("button", { name: "Retry now" }).click();
  await expect(agent.getByRole("status").filter({ hasText: "was placed at Sectigo" })).toBeVisible();
  await expect(agent.getByRole("heading", { level: 1 })).toContainText("Placed at Sectigo");
  await expect(agent.getByText("Attempt 2: Placed")).toBeVisible();
  await expect(agent.getByText("order.retried by support@portal.example")).toBeVisible();
  expect(await sandboxOrders(number)).toHaveLength(1);

  // Gone from the queue.
  await agent.goto("/support");
  await expect(agent.getByRole("row").filter({ hasText: number })).toHaveCount(0);
  await agent.context().close();
});
