import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// The link that confirms a new account's address (lib/users/verification.ts). It opens a page
// with one button: the token is used by that click, not by opening the link.
export const verifyEmail = defineTemplate({
  name: "verify-email",
  category: "account",
  schema: z.object({ name: z.string().max(200), link: z.url(), validFor: z.string().max(40) }),
  locales: {
    en: {
      subject: () => "Confirm your e-mail address for the eIDAS Certificate Portal",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          "Please confirm that this is your e-mail address. Until you do, you can prepare orders but not send them.",
          "",
          `Confirm: ${d.link}`,
          "",
          `The link works for ${d.validFor} and only once. If you did not create an account, ignore this message: nothing happens without the link.`,
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Please confirm that this is your e-mail address. Until you do, you can prepare orders but not send
            them.
          </p>
          <p>${link(d.link, "Confirm my e-mail address")}</p>
          <p>
            The link works for ${d.validFor} and only once. If you did not create an account, ignore this
            message: nothing happens without the link.
          </p>`,
    },
  },
});
