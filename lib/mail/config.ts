import "server-only";
import { env } from "@/lib/env";

// Where mail goes and what it says it is from. Without SMTP_URL the portal is in demo mail mode:
// the local catcher (lib/mail/catcher.ts) listens on 127.0.0.1 and registers its URL here.

const DEMO_FROM = "eIDAS Certificate Portal <noreply@portal.example>";

const state = globalThis as unknown as { __portalCatcherUrl?: string };

/** Whether mail goes to the local catcher (SMTP_URL unset): the demo mail page exists only then. */
export function isDemoMail(): boolean {
  return !env().SMTP_URL;
}

/** Called by the catcher once it listens. */
export function setCatcherUrl(url: string | undefined): void {
  state.__portalCatcherUrl = url;
}

/** The SMTP server to send to now, or undefined while the demo catcher is not up yet. */
export function smtpUrl(): string | undefined {
  return env().SMTP_URL ?? state.__portalCatcherUrl;
}

export function mailFrom(): string {
  return env().MAIL_FROM ?? DEMO_FROM;
}

/** The sender address when it takes replies, for mails that tell someone to get in touch. */
export function supportAddress(): string | undefined {
  const address = /<([^>]+)>\s*$/.exec(mailFrom())?.[1] ?? mailFrom().trim();
  return /^no-?reply@/i.test(address) ? undefined : address;
}

/** The domain of the sender address: the right-hand side of every Message-ID we make. */
export function mailDomain(): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? "portal.example";
}

/** The portal's public base URL for links in mails (no trailing slash). */
export function portalUrl(): string {
  const config = env();
  const base = config.PORTAL_URL ?? config.AUTH_URL ?? `http://localhost:${config.PORT}`;
  return base.replace(/\/+$/, "");
}
