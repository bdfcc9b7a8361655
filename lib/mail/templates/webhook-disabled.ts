import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// To each owner of the organization when the portal disables a webhook endpoint after a long run
// of failed deliveries (lib/webhooks/deliver.ts). Its undelivered events wait for it.
const schema = z.object({
  organizationId: z.string().min(1).max(100),
  organizationName: z.string().max(200),
  url: z.string().max(2000),
  failures: z.number().int().min(0),
});
type Data = z.infer<typeof schema>;

const lines = (d: Data) => [
  `The portal stopped sending order events to the webhook ${d.url} of ${d.organizationName}: its last ${d.failures} deliveries failed.`,
  "Events not yet delivered wait. Enable the endpoint again once it answers, and they are sent in order.",
];

export const webhookDisabled = defineTemplate({
  name: "webhook-disabled",
  // A notice to the organization's owners about their integration: not a preference to turn off.
  category: "account",
  schema,
  locales: {
    en: {
      subject: () => "A webhook was disabled after failed deliveries",
      text: (d, ctx) =>
        [
          ...lines(d),
          "",
          `${ctx.portalUrl}/organizations/${encodeURIComponent(d.organizationId)}/webhooks`,
        ].join("\n\n"),
      html: (d, ctx) =>
        html`${lines(d).map((line) => html`<p>${line}</p>`)}
          <p>
            ${link(`${ctx.portalUrl}/organizations/${encodeURIComponent(d.organizationId)}/webhooks`, "Open the webhooks")}
          </p>`,
    },
  },
});
