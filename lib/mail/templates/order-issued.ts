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
  `The certificate of your ${orderName(d)} has been issued.`,
  "Download it, with its chain, from the order page. The certificate is not attached to this e-mail.",
];

const body = (d: OrderFacts, ctx: RenderContext) =>
  orderBody(paragraphs(d), { href: orderUrl(ctx, d), label: "Download the certificate" });

export const orderIssued = defineTemplate({
  name: "order-issued",
  category: "critical",
  schema: orderFacts,
  locales: {
    en: {
      subject: (d) => `Certificate issued: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
