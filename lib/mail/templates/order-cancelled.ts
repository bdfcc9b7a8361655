import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderCancelled = orderTemplate({
  name: "order-cancelled",
  category: "optional",
  preference: "order-updates",
  locales: {
    en: {
      subject: (d) => `Cancelled: ${orderName(d)}`,
      paragraphs: (d) => [
        `Your ${orderName(d)} was cancelled. No certificate will be issued for it.`,
        "If you did not expect this, contact support.",
      ],
      action: "Open the order",
    },
  },
});
