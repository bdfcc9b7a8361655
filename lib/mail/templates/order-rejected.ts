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
  `Sectigo rejected your ${orderName(d)} during validation. No certificate will be issued for it.`,
  "What to do: the order page shows what Sectigo reported. Start a new order with the corrected details, or contact support if you think the rejection is wrong.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Open the order" });

export const orderRejected = defineTemplate({
  name: "order-rejected",
  category: "critical",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Rejected by Sectigo: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
