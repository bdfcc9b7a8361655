import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startMailCatcher, storeInTable, type RunningCatcher } from "@/lib/mail/catcher";
import { isDemoMail, setCatcherUrl } from "@/lib/mail/config";

// Demo mode needs no mail server: without SMTP_URL each portal process starts the catcher on
// 127.0.0.1 and sends there (once per process; instances share the CaughtMail table).
const state = globalThis as unknown as { __portalCatcher?: Promise<RunningCatcher | null> };

export function startDemoMailCatcher(): Promise<RunningCatcher | null> {
  state.__portalCatcher ??= (async () => {
    if (!isDemoMail()) return null;
    const catcher = await startMailCatcher({
      port: env().MAIL_CATCHER_PORT,
      store: storeInTable(await db()),
    });
    setCatcherUrl(catcher.url);
    logger.info({ url: catcher.url }, "no SMTP_URL: mail goes to the demo catcher, shown at /admin/mail");
    return catcher;
  })().catch((error: unknown) => {
    state.__portalCatcher = undefined;
    throw error;
  });
  return state.__portalCatcher;
}
