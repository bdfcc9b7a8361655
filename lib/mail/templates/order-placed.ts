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
  `Your ${orderName(d)} was placed at Sectigo.`,
  "Sectigo now validates it. We will write to you when something is needed from you and when the certificate is issued.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Follow the order" });

export const orderPlaced = defineTemplate({
  name: "order-placed",
  category: "optional",
  preference: "order-updates",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Placed at Sectigo: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
