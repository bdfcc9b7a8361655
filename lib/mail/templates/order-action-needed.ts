import { z } from "zod";
import { orderBody, orderFacts, orderName, orderUrl } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// Checklist items waiting for the customer (documents, DCV values to publish, identity), one
// mail per status check that found them (migration order_notifications).
const schema = orderFacts.extend({ items: z.array(z.string().max(500)).max(50).default([]) });
type Data = z.infer<typeof schema>;

const body = (d: Data, ctx: RenderContext) =>
  orderBody(
    [`Sectigo needs something from you before it can issue the certificate of your ${orderName(d)}:`],
    { href: orderUrl(ctx, d), label: "See what to do" },
    d.items,
    ["The order page says what to do for each item (for a domain: the values to publish, and where)."],
  );

export const orderActionNeeded = defineTemplate({
  name: "order-action-needed",
  category: "critical",
  schema,
  locales: {
    en: {
      subject: (d) => `Action needed: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
