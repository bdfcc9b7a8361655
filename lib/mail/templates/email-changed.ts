import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate, type RenderContext } from "@/lib/mail/templates/types";

// Sent to the OLD address once an e-mail change is confirmed: the owner learns of a change they
// did not make while this address still reaches them.
// This address can no longer sign in or reset the password, so the mail names a way to reach a
// person: the sender address when it takes replies, else the portal itself.
const whom = (ctx: RenderContext) =>
  ctx.supportAddress
    ? `write at once to ${ctx.supportAddress} (or reply to this message)`
    : `contact the portal's support at once through ${ctx.portalUrl}`;

export const emailChanged = defineTemplate({
  name: "email-changed",
  category: "account",
  schema: z.object({ name: z.string().max(200), newEmail: z.string().max(254) }),
  locales: {
    en: {
      subject: () => "The e-mail address of your eIDAS Certificate Portal account was changed",
      text: (d, ctx) =>
        [
          `Hello ${d.name},`,
          "",
          `Your account now uses ${d.newEmail}; this address no longer signs in and gets no more messages from the portal.`,
          "",
          `If you did not make this change, ${whom(ctx)}: say that this message arrived and which address the account used before.`,
        ].join("\n"),
      html: (d, ctx) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Your account now uses <strong>${d.newEmail}</strong>; this address no longer signs in and gets no
            more messages from the portal.
          </p>
          <p>
            If you did not make this change,
            ${
              ctx.supportAddress
                ? html`write at once to <strong>${ctx.supportAddress}</strong> (or reply to this message)`
                : html`contact the portal's support at once through ${link(ctx.portalUrl, ctx.portalUrl)}`
            }:
            say that this message arrived and which address the account used before.
          </p>`,
    },
  },
});
