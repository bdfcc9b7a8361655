import { z } from "zod";
import { html, link, type SafeHtml } from "@/lib/mail/html";
import {
  defineTemplate,
  type LocalizedMail,
  type Locale,
  type MailCategory,
  type MailTemplate,
  type RenderContext,
} from "@/lib/mail/templates/types";

// What every order mail knows: written by the order triggers (migration order_notifications)
// from the order row, never from a customer's free text beyond the certificate's name.
export const orderFacts = z.object({
  orderId: z.string().min(1).max(100),
  orderNumber: z.string().min(1).max(100),
  /** The certificate's common name or organization, as on the order page. */
  label: z.string().max(300).default(""),
  test: z.boolean().default(false),
});
export type OrderFacts = z.infer<typeof orderFacts>;

export const orderUrl = (ctx: RenderContext, d: OrderFacts) =>
  `${ctx.portalUrl}/orders/${encodeURIComponent(d.orderId)}`;

/** "order EU-1234 (www.example.eu)", with "test order" for Sectigo test-mode orders. */
export function orderName(d: OrderFacts): string {
  return `${d.test ? "test order" : "order"} ${d.orderNumber}${d.label ? ` (${d.label})` : ""}`;
}

/** A body of paragraphs and one button-like link, as text and as HTML. */
export function orderBody(
  paragraphs: string[],
  cta: { href: string; label: string },
  list: string[] = [],
  after: string[] = [],
) {
  const text = [
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(list.length ? [...list.map((item) => `- ${item}`), ""] : []),
    ...after.flatMap((p) => [p, ""]),
    `${cta.label}: ${cta.href}`,
  ].join("\n");
  const markup: SafeHtml = html`${paragraphs.map((p) => html`<p>${p}</p>`)}
    ${
      list.length
        ? html`<ul>
            ${list.map((item) => html`<li>${item}</li>`)}
          </ul>`
        : ""
    }
    ${after.map((p) => html`<p>${p}</p>`)}
    <p style="margin-top:20px">${link(cta.href, cta.label)}</p>`;
  return { text, html: markup };
}

/** What an order mail says in one language: its subject, its paragraphs and its link's label. */
export interface OrderMailWords {
  subject: (d: OrderFacts) => string;
  paragraphs: (d: OrderFacts) => string[];
  /** The label of the link to the order page. */
  action: string;
}

/**
 * An order mail of the common shape: paragraphs and one link to the order page, built from the
 * order's facts, in each language given (English required).
 */
export function orderTemplate(spec: {
  name: string;
  category: MailCategory;
  preference?: string;
  locales: { en: OrderMailWords } & Partial<Record<Locale, OrderMailWords>>;
}): MailTemplate<OrderFacts> {
  const localized = (words: OrderMailWords): LocalizedMail<OrderFacts> => {
    const body = (d: OrderFacts, ctx: RenderContext) =>
      orderBody(words.paragraphs(d), { href: orderUrl(ctx, d), label: words.action });
    return {
      subject: (d) => words.subject(d),
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    };
  };
  const locales = Object.fromEntries(
    Object.entries(spec.locales).map(([locale, words]) => [locale, localized(words as OrderMailWords)]),
  ) as MailTemplate<OrderFacts>["locales"];
  return defineTemplate({ ...spec, schema: orderFacts, locales });
}
