import { defineTemplate } from "@/lib/mail/templates/types";
import {
  orderBody,
  orderFacts,
  orderName,
  orderUrl,
  type OrderFacts,
} from "@/lib/mail/templates/order-common";
import type { RenderContext } from "@/lib/mail/templates/types";

const paragraphs = (d: OrderFacts) => [
  `The certificate of your ${orderName(d)} has been revoked. Systems that check it will now refuse it.`,
  "What to do: replace it wherever it is installed. You can order a new certificate from the order page.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Open the order" });

export const orderRevoked = defineTemplate({
  name: "order-revoked",
  category: "critical",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Certificate revoked: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
