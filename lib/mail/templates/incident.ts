import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// To every active admin and support agent when an alert's incident opens, and once more when
// it closes (lib/alerts/evaluate.ts): one mail per incident and phase, never one per evaluation.
const schema = z.object({
  phase: z.enum(["opened", "closed"]),
  title: z.string().max(200),
  /** The worst value while it lasted, in words ("45 % of calls failed"). */
  peak: z.string().max(200),
  /** The threshold in the same words. */
  threshold: z.string().max(200),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().optional(),
});
type Data = z.infer<typeof schema>;

const when = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;

function lines(d: Data): string[] {
  return d.phase === "opened"
    ? [
        `Since ${when(d.startedAt)}: ${d.title.toLowerCase()}.`,
        `Now: ${d.peak} (the alert fires at ${d.threshold}).`,
        "The portal shows a banner to admins and support until it is over; you get one more mail then.",
      ]
    : [
        `Over: ${d.title.toLowerCase()}, from ${when(d.startedAt)} to ${when(d.endedAt ?? d.startedAt)}.`,
        `At its worst: ${d.peak} (the alert fires at ${d.threshold}).`,
      ];
}

export const incident = defineTemplate({
  name: "incident",
  // Operations mail to the portal's staff: not a preference they can turn off.
  category: "account",
  schema,
  locales: {
    en: {
      subject: (d) => `${d.phase === "opened" ? "Alert" : "Resolved"}: ${d.title}`,
      text: (d, ctx) => [...lines(d), "", `Portal: ${ctx.portalUrl}`].join("\n\n"),
      html: (d, ctx) =>
        html`${lines(d).map((line) => html`<p>${line}</p>`)}
          <p>${link(ctx.portalUrl, "Open the portal")}</p>`,
    },
  },
});
