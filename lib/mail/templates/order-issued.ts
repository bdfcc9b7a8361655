import { orderName, orderTemplate } from "@/lib/mail/templates/order-common";

export const orderIssued = orderTemplate({
  name: "order-issued",
  category: "critical",
  locales: {
    en: {
      subject: (d) => `Certificate issued: ${orderName(d)}`,
      paragraphs: (d) => [
        `The certificate of your ${orderName(d)} has been issued.`,
        "Download it, with its chain, from the order page. The certificate is not attached to this e-mail.",
      ],
      action: "Download the certificate",
    },
  },
});
