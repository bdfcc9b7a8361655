import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderRefused = orderTemplate({
  name: "order-refused",
  category: "critical",
  locales: {
    en: {
      subject: (d) => `Needs your correction: ${orderName(d)}`,
      paragraphs: (d) => [
        `Sectigo did not accept your ${orderName(d)} when it was sent, so it has not been placed.`,
        "What to do: open the order, correct the details it points out and send it again.",
      ],
      action: "Correct the order",
    },
  },
});
