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
  `Sectigo did not accept your ${orderName(d)} when it was sent, so it has not been placed.`,
  "What to do: open the order, correct the details it points out and send it again.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Correct the order" });

export const orderRefused = defineTemplate({
  name: "order-refused",
  category: "critical",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Needs your correction: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
