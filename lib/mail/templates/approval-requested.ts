import { z } from "zod";
import { orderBody, orderFacts, orderName } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// To each approver of the organization when a requester submits an order that needs approval
// (lib/orders/approval/request.ts); the link opens the approval view.
const schema = orderFacts.extend({
  requesterName: z.string().max(200),
  organizationName: z.string().max(200),
});
type Data = z.infer<typeof schema>;

const body = (d: Data, ctx: RenderContext) =>
  orderBody(
    [
      `${d.requesterName} asks you to approve the ${orderName(d)} for ${d.organizationName}.`,
      "Nothing is sent to Sectigo until an approver approves it. The approval page shows exactly what will be sent.",
    ],
    { href: `${ctx.portalUrl}/approvals/${encodeURIComponent(d.orderId)}`, label: "Review and decide" },
  );

export const approvalRequested = defineTemplate({
  name: "approval-requested",
  category: "critical",
  schema,
  locales: {
    en: {
      subject: (d) => `Approval requested: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
