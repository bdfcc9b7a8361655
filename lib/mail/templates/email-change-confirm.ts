import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// Sent to the NEW address of an e-mail change (lib/users/email-change.ts): the account's address
// changes only when this link is followed.
export const emailChangeConfirm = defineTemplate({
  name: "email-change-confirm",
  category: "account",
  schema: z.object({
    name: z.string().max(200),
    newEmail: z.string().max(254),
    link: z.url(),
    validFor: z.string().max(40),
  }),
  locales: {
    en: {
      subject: () => "Confirm your new e-mail address for the eIDAS Certificate Portal",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          `You asked to use ${d.newEmail} for your account. Open this link to confirm it:`,
          "",
          d.link,
          "",
          `It works for ${d.validFor} and only once. Until then your account keeps its current address. If you did not ask for this, ignore this message.`,
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>
            You asked to use <strong>${d.newEmail}</strong> for your account. Open this link to confirm it:
          </p>
          <p>${link(d.link, "Use this address")}</p>
          <p>
            It works for ${d.validFor} and only once. Until then your account keeps its current address. If
            you did not ask for this, ignore this message.
          </p>`,
    },
  },
});
