import type { z } from "zod";
import type { SafeHtml } from "@/lib/mail/html";

// A mail template: the data it needs (checked by a zod schema when the mail is queued, so a bad
// call fails in the transaction that causes it, not later in the worker) and, per language, the
// subject, the plain-text body and the HTML body. The layout (lib/mail/templates/layout.ts) adds
// the greeting-free frame and the footer with the preferences link to every mail.

export const LOCALES = ["en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/**
 * What a mail is about, for the recipient's preferences (lib/mail/preferences.ts): "account"
 * mails (verification, reset, security notices) and "critical" order mails are always sent;
 * "optional" ones can be turned off and carry List-Unsubscribe headers.
 */
export type MailCategory = "account" | "critical" | "optional";

/** What every template gets besides its data. */
export interface RenderContext {
  /** The portal's public base URL, without a trailing slash. */
  portalUrl: string;
  /**
   * Where a worried recipient can write: the sender address when it takes replies (not a
   * "noreply" one), else undefined and the mail points to the portal instead.
   */
  supportAddress?: string;
}

export interface LocalizedMail<D> {
  subject(data: D, ctx: RenderContext): string;
  /** The plain-text body (the layout adds the footer). */
  text(data: D, ctx: RenderContext): string;
  /** The HTML body (the layout adds frame and footer); build it with the html`` tag. */
  html(data: D, ctx: RenderContext): SafeHtml;
}

export interface MailTemplate<D = unknown> {
  name: string;
  category: MailCategory;
  /** For "optional" mails: the preference that turns them off (lib/mail/preferences.ts). */
  preference?: string;
  schema: z.ZodType<D>;
  /** English is required; other languages fall back to it until translated. */
  locales: { en: LocalizedMail<D> } & Partial<Record<Locale, LocalizedMail<D>>>;
}

/** Declares a template with its data type inferred from the schema. */
export function defineTemplate<S extends z.ZodType>(
  template: Omit<MailTemplate<z.infer<S>>, "schema"> & { schema: S },
): MailTemplate<z.infer<S>> {
  return template as MailTemplate<z.infer<S>>;
}
