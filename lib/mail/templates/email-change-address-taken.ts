import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// An e-mail change to an address that already has an account answers like any other
// (lib/users/email-change.ts), so the form cannot tell who has an account; the owner of the
// address gets this notice instead of a link. Nothing changes: an address belongs to one account.
export const emailChangeAddressTaken = defineTemplate({
  name: "email-change-address-taken",
  category: "account",
  schema: z.object({ name: z.string().max(200) }),
  locales: {
    en: {
      subject: () => "Someone tried to move a portal account to your e-mail address",
      text: (d, ctx) =>
        [
          `Hello ${d.name},`,
          "",
          "Someone signed in to another account of the eIDAS Certificate Portal asked to change its e-mail address to this one, which already belongs to your account. Nothing was changed: an address can belong to one account only, and your account is as it was.",
          "",
          "If it was you (a second account), sign in to that account and choose another address, or ask the portal's support to merge them.",
          `If it was not you, there is nothing to do. Your account: ${ctx.portalUrl}/account`,
        ].join("\n"),
      html: (d, ctx) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Someone signed in to another account of the eIDAS Certificate Portal asked to change its e-mail
            address to this one, which already belongs to your account. Nothing was changed: an address can
            belong to one account only, and your account is as it was.
          </p>
          <p>
            If it was you (a second account), sign in to that account and choose another address, or ask the
            portal's support to merge them.
          </p>
          <p>
            If it was not you, there is nothing to do. ${link(`${ctx.portalUrl}/account`, "Your account")}.
          </p>`,
    },
  },
});
