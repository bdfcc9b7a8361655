import { expect, type Page } from "@playwright/test";
import { firstLinkOfMail } from "./mail";

export const DEMO_PASSWORD = "demo-portal-2026";
export const demo = {
  customer: "customer@portal.example",
  support: "support@portal.example",
  admin: "admin@portal.example",
};

let counter = 0;
/** A unique e-mail per test and worker, so tests never share accounts. */
export function uniqueEmail(prefix = "customer"): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${process.pid}-${counter}@example.com`;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orders$/);
}

/**
 * Signs up through the form and signs in. A new customer must confirm their address before
 * ordering, so by default this also opens the verification mail's link (read from the demo mail
 * catcher) and confirms; `verify: false` leaves the account unconfirmed (faster, for tests that
 * never send an order).
 */
export async function signUp(
  page: Page,
  opts: { email: string; password: string; name?: string; verify?: boolean },
): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(opts.name ?? "Test Customer");
  await page.getByLabel("E-mail address").fill(opts.email);
  await page.getByLabel("Password", { exact: true }).fill(opts.password);
  await page.getByLabel("Repeat the password").fill(opts.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up never signs in (that would tell whether the address already had an account), so the
  // new customer signs in as they would.
  await expect(page.getByRole("status").filter({ hasText: "sign in" })).toBeVisible();
  await signIn(page, opts.email, opts.password);
  if (opts.verify === false) return;
  await confirmEmail(page, opts.email);
  await page.goto("/orders");
}

/**
 * Opens the newest verification link mailed to `email` in `page` and confirms the address;
 * `mails` is how many verification mails to wait for (2 after "Send the link again").
 */
export async function confirmEmail(page: Page, email: string, mails = 1): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error("confirmEmail needs a page of a launched browser");
  const link = await firstLinkOfMail(browser, email, {
    subject: /Confirm your e-mail address/,
    after: mails - 1,
  });
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByRole("status")).toContainText("your e-mail address is confirmed");
}

/** The page's own alert (Next.js's route announcer also has role=alert). */
export function alertBox(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

export async function signOut(page: Page): Promise<void> {
  // Exact: the account page also has "Sign out everywhere" and "Sign out this session".
  const button = page.getByRole("button", { name: "Sign out", exact: true });
  if (!(await button.isVisible())) await page.goto("/orders");
  await button.click();
  await expect(page).toHaveURL(/\/sign-in/);
}
