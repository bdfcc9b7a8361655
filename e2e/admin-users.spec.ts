import { expect, test, type Browser, type Page } from "./fixtures";
import { alertBox, demo, DEMO_PASSWORD, signIn, uniqueEmail } from "./support";

// The admin and the account they manage are different people, so each gets a browser context of
// its own (as they would have their own browser) instead of signing out and in on one page.
async function otherPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

// Role-based locators: a required field's label also holds an aria-hidden "*", which an exact
// getByLabel("Password") does not match.
async function signUpCustomer(page: Page, email: string, password: string, name: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByRole("textbox", { name: "Full name" }).fill(name);
  await page.getByRole("textbox", { name: "E-mail address" }).fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("textbox", { name: "Repeat the password" }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in (it must not reveal taken addresses): sign in as the customer would.
  await expect(page.getByRole("status").filter({ hasText: "sign in" })).toBeVisible();
  await signIn(page, email, password);
}

async function auditRowFor(page: Page, action: string, email: string) {
  await page.goto("/admin/audit");
  await page.getByLabel("Action").selectOption(action);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`action=${action.replace(".", "\\.")}`));
  const table = page.getByRole("table", { name: "Audit events matching the filters, newest first" });
  return table.getByRole("row").filter({ hasText: email });
}

test("an admin creates a support account; it signs in and sees the support queue", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("support");
  const password = "a support password 2026";
  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();

  // Client-side validation with the shared schema: every problem listed, focus on the first.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(alertBox(page)).toContainText("Enter a name.");
  await expect(alertBox(page)).toContainText("Use at least 12 characters.");
  await expect(page.getByLabel("Full name")).toBeFocused();

  await page.getByLabel("Full name").fill("Sam Support");
  await page.getByLabel("E-mail address").fill(demo.customer.toUpperCase());
  await page.getByLabel("Initial password").fill(password);
  await page.getByLabel("Role").selectOption("SUPPORT");
  await page.getByRole("button", { name: "Create account" }).click();
  // The server's duplicate check comes back as an error on the e-mail field.
  await expect(alertBox(page)).toContainText("already exists");
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-mail address")).toHaveAccessibleDescription(/already exists/);
  await expect(page.getByLabel("Initial password")).toHaveValue(password);

  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[a-z0-9]+\?created=1$/);
  await expect(page.getByRole("status")).toContainText(`Account created for ${email}`);
  await expect(page.getByRole("heading", { name: "Sam Support" })).toBeVisible();

  const created = await auditRowFor(page, "user.created", email);
  await expect(created).toHaveCount(1);
  await expect(created).toContainText(demo.admin);
  await expect(created).toContainText('"role":"SUPPORT"');

  const support = await otherPerson(browser);
  await signIn(support, email, password);
  await support.getByRole("link", { name: "Support queue" }).click();
  await expect(support).toHaveURL(/\/support$/);
  await expect(support.getByRole("heading", { name: "Support queue" })).toBeVisible();
  expect((await support.goto("/admin/users"))?.status()).toBe(403);
  await support.context().close();
});

test("an admin disables a customer, who is signed out at once and can no longer sign in", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("disable-me");
  const password = "customer password 2026";
  const customer = await otherPerson(browser);
  await signUpCustomer(customer, email, password, "Dana Disabled");

  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.goto("/admin/users");
  await page.getByLabel("Search e-mail or name").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Users matching the filters, newest first" });
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Customer");
  await expect(row).toContainText("Enabled");
  await row.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { name: "Dana Disabled" })).toBeVisible();

  // A reason is required; then submit from the keyboard.
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(alertBox(page)).toContainText("Give a reason");
  await expect(page.getByLabel("Reason for disabling")).toBeFocused();
  await page.getByLabel("Reason for disabling").fill("chargeback fraud");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText(`${email} is now disabled.`);
  await expect(page.getByRole("button", { name: "Enable account" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Disabled$/ })).toBeVisible();

  const disabled = await auditRowFor(page, "user.disabled", email);
  await expect(disabled).toHaveCount(1);
  await expect(disabled).toContainText("chargeback fraud");
  // PostgreSQL's jsonb keeps its own key order, so check each pair.
  await expect(disabled).toContainText('"from":"enabled"');
  await expect(disabled).toContainText('"to":"disabled"');
  await expect(disabled).toContainText(demo.admin);

  // The customer's open session ends with their next request, and signing in again fails.
  await customer.reload();
  await expect(customer).toHaveURL(/\/sign-in/);
  await customer.getByLabel("E-mail address").fill(email);
  await customer.getByLabel("Password").fill(password);
  await customer.getByRole("button", { name: "Sign in" }).click();
  await expect(alertBox(customer)).toContainText("The e-mail address or password is not correct.");
  await expect(customer).toHaveURL(/\/sign-in/);
  await customer.context().close();
});

test("an admin cannot change their own account, and the pages fit a 375 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, demo.admin, DEMO_PASSWORD);
  for (const path of ["/admin/users", "/admin/audit"]) {
    await page.goto(path);
    // Wide tables scroll inside their own region; the page itself never scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }
  await page.goto(`/admin/users?q=${encodeURIComponent(demo.admin)}`);
  await page.getByRole("link", { name: demo.admin }).click();
  await expect(page.getByText("This is your own account.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change role" })).toHaveCount(0);
});

test("an admin changes a user's role with a reason; the form then starts from the new role", async ({
  page,
}) => {
  const email = uniqueEmail("promote");
  await signIn(page, demo.admin, DEMO_PASSWORD);
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill("Pat Promoted");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Initial password").fill("a customer password 1");
  await page.getByLabel("Role").selectOption("CUSTOMER");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Pat Promoted" })).toBeVisible();

  await page.getByLabel("New role").selectOption("SUPPORT");
  await page.getByLabel("Reason for the role change").fill("joins the helpdesk");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is now support" })).toContainText(
    `${email} is now support.`,
  );
  await expect(page.getByRole("definition").filter({ hasText: /^Support$/ })).toBeVisible();
  await expect(page.getByLabel("Reason for the role change")).toHaveValue("");

  // Choosing the role the user now has is caught in the browser, with the same schema as the server.
  await page.getByLabel("Reason for the role change").fill("again");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(alertBox(page)).toContainText("Choose a role different from the current one.");
  await expect(page.getByLabel("New role")).toHaveAttribute("aria-invalid", "true");

  const changed = await auditRowFor(page, "user.role_changed", email);
  await expect(changed).toHaveCount(1);
  await expect(changed).toContainText("joins the helpdesk");
  await expect(changed).toContainText('"from":"CUSTOMER"');
  await expect(changed).toContainText('"to":"SUPPORT"');
});
