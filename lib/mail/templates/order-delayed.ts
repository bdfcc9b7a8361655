import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

// The order went to support's queue (sending it failed, or its outcome is unknown): the customer
// need do nothing, and the order is never placed twice (README "No second paid order").
export const orderDelayed = orderTemplate({
  name: "order-delayed",
  category: "optional",
  preference: "order-updates",
  locales: {
    en: {
      subject: (d) => `Delayed, support is on it: ${orderName(d)}`,
      paragraphs: (d) => [
        `Your ${orderName(d)} is taking longer than usual: sending it to Sectigo did not complete normally.`,
        "Our support team has been told and will finish it. Nothing is needed from you, and the order will not be placed or charged twice.",
      ],
      action: "Follow the order",
    },
  },
});
