import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { startMailCatcher, storeInTable, type CatcherOptions, type RunningCatcher } from "@/lib/mail/catcher";

// Shared by the mail integration tests: the real catcher on an assigned port (2540-2549),
// storing into the test database's CaughtMail table, and polling helpers.

export async function startCatcher(
  port: number,
  extra: Partial<CatcherOptions> = {},
): Promise<RunningCatcher> {
  return startMailCatcher({ port, store: storeInTable(await db()), ...extra });
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function caughtFor(address: string) {
  return (await db()).caughtMail.findMany({
    where: { recipients: { has: address.toLowerCase() } },
    orderBy: { receivedAt: "asc" },
  });
}

export const mailEnv = (port: number) => ({
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  MAIL_FROM: "Portal Test <noreply@portal.test>",
  PORTAL_URL: "http://portal.test:3000",
  AUTH_SECRET: "mail-test-secret-0123456789-0123456789",
  JOBS_ENABLED: "0",
});
