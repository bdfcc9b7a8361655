import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderRevoked = orderTemplate({
  name: "order-revoked",
  category: "critical",
  locales: {
    en: {
      subject: (d) => `Certificate revoked: ${orderName(d)}`,
      paragraphs: (d) => [
        `The certificate of your ${orderName(d)} has been revoked. Systems that check it will now refuse it.`,
        "What to do: replace it wherever it is installed. You can order a new certificate from the order page.",
      ],
      action: "Open the order",
    },
  },
});
