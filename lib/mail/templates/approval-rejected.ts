import { z } from "zod";
import { orderBody, orderFacts, orderName, orderUrl } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// To the requester when an approver rejected their order, with the approver's reason; the
// order is a draft again and nothing was sent.
const schema = orderFacts.extend({ approverName: z.string().max(200), reason: z.string().min(1).max(1000) });
type Data = z.infer<typeof schema>;

const body = (d: Data, ctx: RenderContext) =>
  orderBody(
    [
      `${d.approverName} rejected your ${orderName(d)}. Nothing was sent to Sectigo.`,
      `Reason: ${d.reason}`,
      "The order is a draft again: correct it and submit it for approval again.",
    ],
    { href: orderUrl(ctx, d), label: "Open the order" },
  );

export const approvalRejected = defineTemplate({
  name: "approval-rejected",
  category: "critical",
  schema,
  locales: {
    en: {
      subject: (d) => `Rejected: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
