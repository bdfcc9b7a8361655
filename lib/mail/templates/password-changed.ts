import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// Sent after a password change on the account page or a reset by link, so an owner who did not
// do it learns at once.
export const passwordChanged = defineTemplate({
  name: "password-changed",
  category: "account",
  schema: z.object({ name: z.string().max(200), how: z.enum(["change", "reset"]) }),
  locales: {
    en: {
      subject: () => "Your eIDAS Certificate Portal password was changed",
      text: (d, ctx) =>
        [
          `Hello ${d.name},`,
          "",
          d.how === "reset"
            ? "The password of your account was just changed with a reset link sent to this address. Every browser that was signed in has been signed out."
            : "The password of your account was just changed on its account page. Other browsers that were signed in have been signed out.",
          "",
          `If it was you, there is nothing to do. If it was not, choose a new password now: ${ctx.portalUrl}/forgot-password`,
        ].join("\n"),
      html: (d, ctx) =>
        html`<p>Hello ${d.name},</p>
          <p>
            ${
              d.how === "reset"
                ? "The password of your account was just changed with a reset link sent to this address. Every browser that was signed in has been signed out."
                : "The password of your account was just changed on its account page. Other browsers that were signed in have been signed out."
            }
          </p>
          <p>
            If it was you, there is nothing to do. If it was not,
            ${link(`${ctx.portalUrl}/forgot-password`, "choose a new password now")}.
          </p>`,
    },
  },
});
