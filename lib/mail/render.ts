import "server-only";
import { portalUrl, supportAddress } from "@/lib/mail/config";
import { signPreferencesToken } from "@/lib/mail/preferences-token";
import { getTemplate } from "@/lib/mail/templates";
import { layoutHtml, layoutText } from "@/lib/mail/templates/layout";
import { DEFAULT_LOCALE, LOCALES, type Locale, type MailCategory } from "@/lib/mail/templates/types";

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  category: MailCategory;
  /** Signed one-click link to the recipient's preferences (users only). */
  preferencesUrl?: string;
}

export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** The mail's subject and both bodies; throws when the template is unknown or the data wrong. */
export function renderMail(input: {
  template: string;
  locale?: string | null;
  data: unknown;
  userId?: string | null;
}): RenderedMail {
  const template = getTemplate(input.template);
  if (!template) throw new Error(`Unknown mail template "${input.template}"`);
  const data = template.schema.parse(input.data);
  const locale = toLocale(input.locale);
  const words = template.locales[locale] ?? template.locales.en;
  const ctx = { portalUrl: portalUrl(), supportAddress: supportAddress() };
  const preferencesUrl = input.userId
    ? `${ctx.portalUrl}/mail-preferences?token=${encodeURIComponent(signPreferencesToken(input.userId))}`
    : undefined;
  const subject = words.subject(data, ctx).replace(/[\r\n]+/g, " ");
  return {
    subject,
    text: layoutText(words.text(data, ctx), { preferencesUrl }, locale),
    html: layoutHtml(subject, words.html(data, ctx), { preferencesUrl }, locale),
    category: template.category,
    preferencesUrl,
  };
}
