import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import { totpCode, totpStep, TOTP_PERIOD_SECONDS } from "../lib/auth/two-factor/totp";
import { DEMO_STAFF_TOTP_SECRET } from "../lib/users/demo-second-factor";
import { readActionIds } from "../scripts/soak/action-ids";
import { encodeActionArgs } from "../scripts/soak/rsc";

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

// Staff sign in with a second factor. The helper plays the user's authenticator app: the demo
// staff's key is the seeded one, and a staff account that sets up its app here (at its first
// sign-in) has its key remembered for the rest of the run.
const totpKeys = new Map<string, string>([
  [demo.support, DEMO_STAFF_TOTP_SECRET],
  [demo.admin, DEMO_STAFF_TOTP_SECRET],
]);
// The portal accepts each 30-second step once per account: the next sign-in uses a later step.
const lastSteps = new Map<string, number>();

/** The authenticator key this run knows for an account (set up through signIn or by a test). */
export function rememberTotpKey(email: string, secret: string): void {
  totpKeys.set(email.toLowerCase(), secret);
}

/** A code for the account that the portal has not accepted before, waiting for the clock if needed. */
export async function freshTotpCode(email: string, secret: string): Promise<string> {
  const key = email.toLowerCase();
  const step = Math.max(totpStep() - 1, (lastSteps.get(key) ?? 0) + 1);
  const waitMs = (step - 1) * TOTP_PERIOD_SECONDS * 1000 - Date.now();
  if (waitMs > 0) {
    // Visible in the run's output: what the one-use-per-step rule costs the suite.
    console.log(`${email}: waiting ${Math.round(waitMs / 1000)} s for an unused authenticator step`);
    await new Promise((resolve) => setTimeout(resolve, waitMs + 200));
  }
  lastSteps.set(key, step);
  return totpCode(secret, step);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The order list, or (on its way there) the second step of signing in.
  const orders = page.getByRole("heading", { name: "My orders" });
  const secondStep = page.getByRole("heading", { name: /two-factor sign-in/i });
  await expect(orders.or(secondStep)).toBeVisible();
  if (await secondStep.isVisible()) await passSecondFactor(page, email);
  await expect(page).toHaveURL(/\/orders$/);
}

/** On /two-factor: sets up an authenticator app (staff at first sign-in) or enters its code. */
export async function passSecondFactor(page: Page, email: string): Promise<void> {
  const key = email.toLowerCase();
  const setUp = page.getByRole("heading", { name: "Set up two-factor sign-in" });
  const verify = page.getByRole("heading", { name: "Two-factor sign-in", exact: true });
  await expect(setUp.or(verify)).toBeVisible();
  if (await setUp.isVisible()) {
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    rememberTotpKey(key, secret);
    await page.getByLabel("6-digit code from the app").fill(await freshTotpCode(key, secret));
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
    await page.getByRole("link", { name: "I have saved them, continue" }).click();
    return;
  }
  const secret = totpKeys.get(key);
  if (!secret) throw new Error(`No authenticator key known for ${email}`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.getByLabel(/Code from your authenticator app/).fill(await freshTotpCode(key, secret));
    await page.getByRole("button", { name: "Continue" }).click();
    const refused = alertBox(page).filter({ hasText: "not correct or has already been used" });
    await expect(refused.or(page.getByRole("heading", { name: "My orders" }))).toBeVisible();
    if (!(await refused.isVisible())) return;
  }
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
  // The page's portal; a fresh tab (about:blank) means playwright.config.ts's.
  const current = new URL(page.url());
  const origin = /^https?:$/.test(current.protocol)
    ? current.origin
    : `http://localhost:${Number(process.env.E2E_PORT || 3100)}`;
  await page.goto(await verificationLink(origin, email, mails));
  await page.getByRole("button", { name: "Confirm my e-mail address" }).click();
  await expect(page.getByRole("status")).toContainText("your e-mail address is confirmed");
}

// Most browser tests sign up a customer who must confirm their address, so the link is read from
// the demo mail catcher's admin page over plain HTTP, by one admin session per worker (e2e/mail.ts
// renders the pages in a browser: right for a test about mail, slow for every sign-up).
const admins = new Map<string, Promise<APIRequestContext>>();

function adminRequest(origin: string): Promise<APIRequestContext> {
  const existing = admins.get(origin);
  if (existing) return existing;
  const admin = (async () => {
    const api = await request.newContext({ baseURL: origin });
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await api.post("/api/auth/callback/credentials", {
      form: { email: demo.admin, password: DEMO_PASSWORD, csrfToken, callbackUrl: "/admin/mail" },
      maxRedirects: 0,
    });
    // Staff pass a second factor: the demo admin's code, posted to the /two-factor page's action.
    const code = await freshTotpCode(demo.admin, DEMO_STAFF_TOTP_SECRET);
    const passed = await api.post("/two-factor", {
      headers: {
        "next-action": readActionIds().secondFactor,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin,
      },
      data: encodeActionArgs([undefined, { code }]),
      maxRedirects: 0,
    });
    if (passed.status() >= 400)
      throw new Error(`the demo admin's second factor failed (HTTP ${passed.status()})`);
    return api;
  })();
  admins.set(origin, admin);
  return admin;
}

async function verificationLink(origin: string, email: string, mails: number): Promise<string> {
  // Long enough for a new admin sign-in, which may wait up to 30 s for an unused authenticator step.
  const deadline = Date.now() + 45_000;
  for (;;) {
    const api = await adminRequest(origin);
    const list = await api.get(`/admin/mail?to=${encodeURIComponent(email)}`, { maxRedirects: 0 });
    if (list.status() !== 200) {
      admins.delete(origin); // the admin's session was ended by another test: sign in again
    } else {
      const ids = [
        ...(await list.text()).matchAll(/href="\/admin\/mail\/([^"/?]+)"[^>]*>Confirm your e-mail address/g),
      ];
      if (ids.length >= mails) {
        const mail = await (await api.get(`/admin/mail/${ids[0]![1]}`)).text();
        const token = /\/verify-email\?token=([A-Za-z0-9_-]{43})/.exec(mail)?.[1];
        if (token) return `${origin}/verify-email?token=${token}`;
      }
    }
    if (Date.now() > deadline) throw new Error(`no verification mail (${mails}) reached ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The first link matching `link` in the newest mail to `email` whose subject matches `subject`,
 * read over plain HTTP by the worker's admin session (as verification links are).
 */
export async function mailedLink(email: string, subject: RegExp, link: RegExp): Promise<string> {
  const origin = `http://localhost:${Number(process.env.E2E_PORT || 3100)}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    const api = await adminRequest(origin);
    const list = await api.get(`/admin/mail?to=${encodeURIComponent(email)}`, { maxRedirects: 0 });
    if (list.status() !== 200) {
      admins.delete(origin);
    } else {
      const id = [...(await list.text()).matchAll(/href="\/admin\/mail\/([^"/?]+)"[^>]*>([^<]*)</g)].find(
        (m) => subject.test(m[2]!.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&")),
      )?.[1];
      if (id) {
        const found = link.exec(await (await api.get(`/admin/mail/${id}`)).text())?.[0];
        if (found) return found.replace(/&amp;/g, "&");
      }
    }
    if (Date.now() > deadline) throw new Error(`no mail matching ${subject} reached ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
