import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderPlaced = orderTemplate({
  name: "order-placed",
  category: "optional",
  preference: "order-updates",
  locales: {
    en: {
      subject: (d) => `Placed at Sectigo: ${orderName(d)}`,
      paragraphs: (d) => [
        `Your ${orderName(d)} was placed at Sectigo.`,
        "Sectigo now validates it. We will write to you when something is needed from you and when the certificate is issued.",
      ],
      action: "Follow the order",
    },
  },
});
