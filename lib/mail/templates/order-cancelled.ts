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
  `Your ${orderName(d)} was cancelled. No certificate will be issued for it.`,
  "If you did not expect this, contact support.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Open the order" });

export const orderCancelled = defineTemplate({
  name: "order-cancelled",
  category: "optional",
  preference: "order-updates",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Cancelled: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
