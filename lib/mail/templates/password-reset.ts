import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// "Forgot password?" (lib/users/password-reset.ts): a single-use link to choose a new password.
export const passwordReset = defineTemplate({
  name: "password-reset",
  category: "account",
  schema: z.object({ name: z.string().max(200), link: z.url(), validFor: z.string().max(40) }),
  locales: {
    en: {
      subject: () => "Choose a new password for the eIDAS Certificate Portal",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          "Someone asked to choose a new password for your account. If it was you, open this link:",
          "",
          d.link,
          "",
          `It works for ${d.validFor} and only once; a newer request replaces it. When you save the new password, every browser signed in to your account is signed out.`,
          "",
          "If it was not you, ignore this message: your password stays as it is.",
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>Someone asked to choose a new password for your account. If it was you, open this link:</p>
          <p>${link(d.link, "Choose a new password")}</p>
          <p>
            It works for ${d.validFor} and only once; a newer request replaces it. When you save the new
            password, every browser signed in to your account is signed out.
          </p>
          <p>If it was not you, ignore this message: your password stays as it is.</p>`,
    },
  },
});
