import { expect, type Browser, type Page } from "@playwright/test";
import { demo, DEMO_PASSWORD, signIn } from "./support";

// Reading the portal's outgoing mail in browser tests. The server runs in demo mail mode (no
// SMTP_URL): its catcher stores every message, and the admin page /admin/mail shows them. The
// embedded database belongs to the server process, so mail is read through that page, in a
// browser context of its own (the test's own page keeps its session).

export interface CaughtMailView {
  subject: string;
  text: string;
  /** Every http(s) link of the text part, in order (the footer's preferences link comes last). */
  links: string[];
}

export interface WaitForMailOptions {
  /** Only a mail whose subject matches. */
  subject?: RegExp;
  /** Mails already seen for this address (e.g. from an earlier waitForMail): wait for a newer one. */
  after?: number;
  timeoutMs?: number;
  /** How to sign in as an admin (default: the demo admin with its password). */
  signInAsAdmin?: (page: Page) => Promise<void>;
  /** The portal's address (default: the one playwright.config.ts serves). */
  baseURL?: string;
}

const DEFAULT_BASE_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3100)}`;

export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]);
}

/** How many mails the catcher holds for `to` now (pass it as `after` to wait for the next one). */
export async function countMail(
  browser: Browser,
  to: string,
  options: WaitForMailOptions = {},
): Promise<number> {
  return withAdmin(browser, options, async (page) => {
    await page.goto(`/admin/mail?to=${encodeURIComponent(to)}`);
    return page.locator("tbody tr").count();
  });
}

/** Waits for the newest mail to `to` (matching `subject`) and returns its text and links. */
export async function waitForMail(
  browser: Browser,
  to: string,
  options: WaitForMailOptions = {},
): Promise<CaughtMailView> {
  return withAdmin(browser, options, async (page) => {
    const rows = page.locator("tbody tr").filter({ hasText: options.subject ?? /./ });
    await expect(async () => {
      await page.goto(`/admin/mail?to=${encodeURIComponent(to)}`);
      expect(await rows.count()).toBeGreaterThan(options.after ?? 0);
    }).toPass({ timeout: options.timeoutMs ?? 20_000, intervals: [250, 500, 1_000] });
    // Newest first.
    await rows.first().getByRole("link").click();
    const text = (await page.getByTestId("mail-text").textContent()) ?? "";
    const subject = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    return { subject, text, links: linksIn(text) };
  });
}

/** The first link of the newest mail to `to`: the one the mail asks the reader to open. */
export async function firstLinkOfMail(browser: Browser, to: string, options: WaitForMailOptions = {}) {
  const mail = await waitForMail(browser, to, options);
  const link = mail.links[0];
  if (!link) throw new Error(`The mail "${mail.subject}" to ${to} has no link:\n${mail.text}`);
  return link;
}

async function withAdmin<T>(browser: Browser, options: WaitForMailOptions, run: (page: Page) => Promise<T>) {
  const context = await browser.newContext({ baseURL: options.baseURL ?? DEFAULT_BASE_URL });
  try {
    const page = await context.newPage();
    await (options.signInAsAdmin ?? ((p: Page) => signIn(p, demo.admin, DEMO_PASSWORD)))(page);
    return await run(page);
  } finally {
    await context.close();
  }
}
