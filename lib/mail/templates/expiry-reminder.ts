import { z } from "zod";
import { orderBody, orderFacts, orderName, orderUrl } from "@/lib/mail/templates/order-common";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// Sent 90, 60, 30, 7 and 1 days before a certificate expires and on the day (lib/mail/expiry.ts).
const schema = orderFacts.extend({
  /** The reminder's threshold in days; 0 = it has expired. */
  days: z.number().int().min(0).max(366),
  notAfter: z.iso.datetime(),
});
type Data = z.infer<typeof schema>;

const day = (iso: string) => iso.slice(0, 10);
const when = (d: Data) =>
  d.days === 0 ? "has expired" : d.days === 1 ? "expires tomorrow" : `expires in ${d.days} days`;

const body = (d: Data, ctx: RenderContext) =>
  orderBody(
    [
      `The certificate of your ${orderName(d)} ${when(d)} (valid until ${day(d.notAfter)}, UTC).`,
      d.days === 0
        ? "Systems that check it now refuse it. Renew it from the order page to get a new one."
        : "Renew it in time from the order page: the new order starts with the same details.",
    ],
    { href: orderUrl(ctx, d), label: "Renew the certificate" },
  );

export const expiryReminder = defineTemplate({
  name: "expiry-reminder",
  category: "optional",
  preference: "expiry-reminders",
  schema,
  locales: {
    en: {
      subject: (d) => `Certificate ${when(d)}: ${orderName(d)}`,
      text: (d, ctx) => body(d, ctx).text,
      html: (d, ctx) => body(d, ctx).html,
    },
  },
});
