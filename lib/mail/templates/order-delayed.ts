import { defineTemplate } from "@/lib/mail/templates/types";
import {
  orderBody,
  orderFacts,
  orderName,
  orderUrl,
  type OrderFacts,
} from "@/lib/mail/templates/order-common";
import type { RenderContext } from "@/lib/mail/templates/types";

// The order went to support's queue (sending it failed, or its outcome is unknown): the customer
// need do nothing, and the order is never placed twice (README "No second paid order").
const paragraphs = (d: OrderFacts) => [
  `Your ${orderName(d)} is taking longer than usual: sending it to Sectigo did not complete normally.`,
  "Our support team has been told and will finish it. Nothing is needed from you, and the order will not be placed or charged twice.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Follow the order" });

export const orderDelayed = defineTemplate({
  name: "order-delayed",
  category: "optional",
  preference: "order-updates",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Delayed, support is on it: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
