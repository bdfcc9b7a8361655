import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// The owner's notice of repeated wrong second-factor codes (lib/auth/two-factor/verify.ts), at
// most once an hour. Whoever reaches that step has the password, so the mail says so and asks the
// owner to change it; the attempts cannot lock the owner out.
export const secondFactorFailures = defineTemplate({
  name: "second-factor-failures",
  category: "account",
  schema: z.object({ name: z.string().max(200), failures: z.number().int().positive() }),
  locales: {
    en: {
      subject: () => "Your eIDAS Certificate Portal password was used with wrong sign-in codes",
      text: (d, ctx) =>
        [
          `Hello ${d.name},`,
          "",
          `Someone signed in to your account with your password and then entered a wrong second-factor code ${d.failures} times in the last hour.`,
          "",
          "If it was not you, your password is known to someone else: change it now. Your second factor held, and these attempts cannot lock you out.",
          `Choose a new password: ${ctx.portalUrl}/forgot-password`,
          `Check your sessions and second factors: ${ctx.portalUrl}/account`,
          "",
          "If it was you (a phone with the wrong time, an old code), there is nothing to do.",
        ].join("\n"),
      html: (d, ctx) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Someone signed in to your account with your password and then entered a wrong second-factor code
            ${d.failures} times in the last hour.
          </p>
          <p>
            If it was not you, your password is known to someone else:
            ${link(`${ctx.portalUrl}/forgot-password`, "change it now")}. Your second factor held, and these
            attempts cannot lock you out.
            ${link(`${ctx.portalUrl}/account`, "Check your sessions and second factors")}.
          </p>
          <p>If it was you (a phone with the wrong time, an old code), there is nothing to do.</p>`,
    },
  },
});
