import { z } from "zod";
import { orderBody, orderFacts, orderName, orderUrl } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// To the requester when an approver approved their order: it is being sent to Sectigo now
// (the "placed" mail follows from the status trigger once Sectigo has it).
const schema = orderFacts.extend({ approverName: z.string().max(200) });
type Data = z.infer<typeof schema>;

const body = (d: Data, ctx: RenderContext) =>
  orderBody([`${d.approverName} approved your ${orderName(d)}. It is being sent to Sectigo now.`], {
    href: orderUrl(ctx, d),
    label: "Open the order",
  });

export const approvalApproved = defineTemplate({
  name: "approval-approved",
  category: "critical",
  schema,
  locales: {
    en: {
      subject: (d) => `Approved and sent: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
