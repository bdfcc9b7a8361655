import { html, link, type SafeHtml } from "@/lib/mail/html";
import type { Locale } from "@/lib/mail/templates/types";

// The frame every mail shares: the body, then a footer saying why the mail came and where the
// recipient chooses which mails they get (one click, no sign-in: a signed link).

export interface Footer {
  /** Signed link to the recipient's preferences; absent for an address without an account. */
  preferencesUrl?: string;
}

const words = {
  en: {
    why: "You receive this e-mail because of your account at the eIDAS Certificate Portal.",
    noAccount: "You receive this e-mail because this address was entered at the eIDAS Certificate Portal.",
    prefs: "Choose which e-mails you get",
  },
} satisfies Record<Locale, Record<string, string>>;

export function layoutText(body: string, footer: Footer, locale: Locale): string {
  const w = words[locale];
  const lines = [body.trimEnd(), "", "-- ", footer.preferencesUrl ? w.why : w.noAccount];
  if (footer.preferencesUrl) lines.push(`${w.prefs}: ${footer.preferencesUrl}`);
  return `${lines.join("\n")}\n`;
}

export function layoutHtml(subject: string, body: SafeHtml, footer: Footer, locale: Locale): string {
  const w = words[locale];
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <title>${subject}</title>
      </head>
      <body
        style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#18181b;line-height:1.5"
      >
        <div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
          ${body}
          <hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0 12px" />
          <p style="font-size:13px;color:#52525b">
            ${footer.preferencesUrl ? w.why : w.noAccount}
            ${footer.preferencesUrl ? html`<br />${link(footer.preferencesUrl, w.prefs)}` : ""}
          </p>
        </div>
      </body>
    </html> `.value;
}
