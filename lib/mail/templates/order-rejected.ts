import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderRejected = orderTemplate({
  name: "order-rejected",
  category: "critical",
  locales: {
    en: {
      subject: (d) => `Rejected by Sectigo: ${orderName(d)}`,
      paragraphs: (d) => [
        `Sectigo rejected your ${orderName(d)} during validation. No certificate will be issued for it.`,
        "What to do: the order page shows what Sectigo reported. Start a new order with the corrected details, or contact support if you think the rejection is wrong.",
      ],
      action: "Open the order",
    },
  },
});
