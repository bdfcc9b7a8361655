import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// Sign-up answers alike for new and taken addresses (lib/users/register.ts); the owner of a taken
// one learns here that someone tried, and how to get in if it was them.
export const signUpExistingAccount = defineTemplate({
  name: "sign-up-existing-account",
  category: "account",
  schema: z.object({ name: z.string().max(200), signInLink: z.url(), resetLink: z.url() }),
  locales: {
    en: {
      subject: () => "Someone tried to sign up with your e-mail address",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          "Someone tried to create an account on the eIDAS Certificate Portal with this e-mail address, which already has an account. Nothing was changed.",
          "",
          `If it was you, sign in instead: ${d.signInLink}`,
          `Forgot your password? Choose a new one: ${d.resetLink}`,
          "",
          "If it was not you, ignore this message.",
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Someone tried to create an account on the eIDAS Certificate Portal with this e-mail address, which
            already has an account. Nothing was changed.
          </p>
          <p>
            If it was you, ${link(d.signInLink, "sign in instead")}. Forgot your password?
            ${link(d.resetLink, "Choose a new one")}.
          </p>
          <p>If it was not you, ignore this message.</p>`,
    },
  },
});
