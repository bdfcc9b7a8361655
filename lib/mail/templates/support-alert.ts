import { z } from "zod";
import { orderBody, orderFacts, orderName } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// To every active support agent when an order enters the support queue (migration
// order_notifications); the link opens the order in the support view.
const schema = orderFacts.extend({ status: z.string().max(40) });
type Data = z.infer<typeof schema>;

const WHY: Record<string, string> = {
  FAILED_TRANSIENT: "Sending it to Sectigo failed and automatic retries are used up.",
  OUTCOME_UNKNOWN: "It is not known whether Sectigo received it.",
  NEEDS_REVIEW: "Sectigo's answer needs a person to review it.",
  ACCOUNT_PROBLEM: "Sectigo refused it because of our reseller account (credit or access).",
  NEEDS_RECONCILIATION: "Sectigo already has an order with this number: record Sectigo's order number.",
};

const body = (d: Data, ctx: RenderContext) =>
  orderBody(
    [`The ${orderName(d)} is waiting in the support queue.`, WHY[d.status] ?? "It needs attention."],
    {
      href: `${ctx.portalUrl}/support/orders/${encodeURIComponent(d.orderId)}`,
      label: "Open it in the support view",
    },
  );

export const supportAlert = defineTemplate({
  name: "support-alert",
  category: "optional",
  preference: "support-alerts",
  schema,
  locales: {
    en: {
      subject: (d) => `Support queue: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
