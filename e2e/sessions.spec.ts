import type { APIRequestContext, Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { alertBox as alertBoxOf, demo, DEMO_PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./support";

// Sessions end when they are ended: a copy of the session cookie taken before signing out (in the
// page or with POST /api/auth/signout), before "sign out everywhere", or before an admin disables
// the account must not sign anybody in afterwards, and /api/auth/session must say the truth.

const baseURL = () => test.info().project.use.baseURL!;

async function newBrowser(browser: Browser, cookies: Cookie[] = []): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseURL() });
  if (cookies.length) await context.addCookies(cookies);
  return context;
}

/** A fresh customer, signed in on `page`. */
async function freshCustomer(page: Page, prefix: string): Promise<{ email: string; password: string }> {
  const account = { email: uniqueEmail(prefix), password: `${prefix} password 2026` };
  await signUp(page, { ...account, name: `Sessions ${prefix}`, verify: false });
  return account;
}

async function sessionOf(request: APIRequestContext): Promise<unknown> {
  const response = await request.get("/api/auth/session");
  expect(response.status()).toBe(200);
  return response.json();
}

/** A signed-out visitor: /orders ends on the sign-in page and the session endpoint is empty. */
async function expectSignedOut(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await sessionOf(context.request)).toBeNull();
  await page.close();
}

test("a session cookie copied before signing out in the page no longer signs anyone in", async ({
  page,
  context,
  browser,
}) => {
  const account = await freshCustomer(page, "copied");
  const copied = await context.cookies();
  expect(copied.some((c) => c.name.endsWith("authjs.session-token"))).toBe(true);
  await signOut(page);

  const thief = await newBrowser(browser, copied);
  await expectSignedOut(thief);
  await thief.close();
  // The account itself still works.
  await signIn(page, account.email, account.password);
  expect(await sessionOf(context.request)).toMatchObject({ user: { email: account.email } });
});

test("a session cookie copied before POST /api/auth/signout no longer signs anyone in", async ({
  playwright,
  browser,
}) => {
  const api = await playwright.request.newContext({ baseURL: baseURL() });
  const csrf = async () =>
    ((await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const signedIn = await api.post("/api/auth/callback/credentials", {
    form: { email: demo.customer, password: DEMO_PASSWORD, csrfToken: await csrf(), callbackUrl: "/orders" },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(302);
  expect(await sessionOf(api)).toMatchObject({ user: { email: demo.customer, role: "CUSTOMER" } });
  const copied = (await api.storageState()).cookies;

  const signedOut = await api.post("/api/auth/signout", {
    form: { csrfToken: await csrf() },
    maxRedirects: 0,
  });
  expect(signedOut.status()).toBe(302);
  expect(await sessionOf(api)).toBeNull();
  await api.dispose();

  const thief = await newBrowser(browser, copied);
  await expectSignedOut(thief);
  await thief.close();
});

test("the account page lists the user's sessions; one is ended there, then all with sign out everywhere", async ({
  page,
  context,
  browser,
}) => {
  // Several accounts and browsers signing in: slow on a loaded machine.
  test.slow();
  const account = await freshCustomer(page, "everywhere");
  const second = await newBrowser(browser);
  await signIn(await second.newPage(), account.email, account.password);
  const third = await newBrowser(browser);
  await signIn(await third.newPage(), account.email, account.password);
  // Another user's session is not listed and not touched.
  const other = await newBrowser(browser);
  await signIn(await other.newPage(), demo.customer, DEMO_PASSWORD);

  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Signed-in sessions" })).toBeVisible();
  const rows = page.getByRole("list", { name: "Your signed-in sessions" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
  // No token value on the page.
  const token = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"))!.value;
  expect(await page.content()).not.toContain(token);

  // Ending one other session signs out exactly one of the other browsers.
  await rows
    .filter({ hasNotText: "This browser" })
    .first()
    .getByRole("button", { name: "Sign out this session" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "signed out" })).toContainText(
    "That session is signed out.",
  );
  await expect(rows).toHaveCount(2);
  const stillIn = await Promise.all(
    [second, third].map(
      async (c) => ((await sessionOf(c.request)) as { user?: unknown } | null)?.user !== undefined,
    ),
  );
  expect(stillIn.filter(Boolean)).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (const c of [context, second, third]) await expectSignedOut(c);
  expect(await sessionOf(other.request)).toMatchObject({ user: { email: demo.customer } });
  await Promise.all([second.close(), third.close(), other.close()]);
});

test("the account page is there for support and admin too, and fits a 375 px screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const email of [demo.support, demo.admin]) {
    await signIn(page, email, DEMO_PASSWORD);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Signed-in sessions" })).toBeVisible();
    await expect(page.getByText("This browser")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await signOut(page);
  }
});

test("a user cannot end another user's session, whatever the form sends", async ({ page, browser }) => {
  // Several accounts and browsers signing in: slow on a loaded machine.
  test.slow();
  const attacker = await freshCustomer(page, "attacker");
  const attackerSecond = await newBrowser(browser);
  await signIn(await attackerSecond.newPage(), attacker.email, attacker.password);

  const victimFirst = await newBrowser(browser);
  const victimPage = await victimFirst.newPage();
  const victim = await freshCustomer(victimPage, "victim");
  const victimSecond = await newBrowser(browser);
  await signIn(await victimSecond.newPage(), victim.email, victim.password);
  await victimPage.goto("/account");
  const victimId = await victimPage.locator('input[name="sessionId"]').first().inputValue();

  // The attacker's own page has a button for their other session; point it at the victim's.
  await page.goto("/account");
  // Tamper only after hydration: React would otherwise put its own value back into the input.
  await page.waitForLoadState("networkidle");
  await page
    .locator('input[name="sessionId"]')
    .first()
    .evaluate((input, id) => {
      (input as HTMLInputElement).value = id;
    }, victimId);
  await page.getByRole("button", { name: "Sign out this session" }).first().click();
  await expect(alertBoxOf(page)).toContainText("This session has already ended or is not yours.");

  expect(await sessionOf(victimSecond.request)).toMatchObject({ user: { email: victim.email } });
  expect(await sessionOf(attackerSecond.request)).toMatchObject({ user: { email: attacker.email } });
  await Promise.all([attackerSecond.close(), victimFirst.close(), victimSecond.close()]);
});

test("a role change and a disabled account show in /api/auth/session at once", async ({ page, browser }) => {
  // Several accounts and browsers signing in: slow on a loaded machine.
  test.slow();
  const account = await freshCustomer(page, "changed");
  expect(await sessionOf(page.context().request)).toMatchObject({
    user: { email: account.email, role: "CUSTOMER" },
  });

  const admin = await newBrowser(browser);
  const adminPage = await admin.newPage();
  await signIn(adminPage, demo.admin, DEMO_PASSWORD);
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  await adminPage.getByRole("link", { name: account.email }).click();
  await adminPage.getByLabel("New role").selectOption("SUPPORT");
  await adminPage.getByLabel("Reason for the role change").fill("joins the helpdesk");
  await adminPage.getByRole("button", { name: "Change role" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "is now support" })).toBeVisible();

  expect(await sessionOf(page.context().request)).toMatchObject({
    user: { email: account.email, role: "SUPPORT" },
  });
  expect((await page.goto("/support"))?.status()).toBe(200);

  await adminPage.getByLabel("Reason for disabling").fill("left the company");
  await adminPage.getByRole("button", { name: "Disable account" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "is now disabled" })).toBeVisible();

  await expectSignedOut(page.context());
  // Enabling the account again does not bring the old session back.
  await adminPage.getByLabel("Reason for enabling").fill("came back");
  await adminPage.getByRole("button", { name: "Enable account" }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: "is now enabled" })).toBeVisible();
  await expectSignedOut(page.context());
  await admin.close();
});
