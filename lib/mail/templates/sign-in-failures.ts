import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// The owner's notice of repeated failed sign-ins (lib/auth/sign-in.ts), at most once an hour.
// Nobody can lock the owner out, so it asks for nothing; it points to a second factor and a reset.
export const signInFailures = defineTemplate({
  name: "sign-in-failures",
  category: "account",
  schema: z.object({ name: z.string().max(200), failures: z.number().int().positive() }),
  locales: {
    en: {
      subject: () => "Failed sign-ins to your eIDAS Certificate Portal account",
      text: (d, ctx) =>
        [
          `Hello ${d.name},`,
          "",
          `Someone tried to sign in to your account ${d.failures} times in the last hour with a wrong password.`,
          "",
          "If it was not you, there is nothing you need to do: your password held, and these attempts cannot lock you out.",
          "",
          `To protect the account even if the password leaks, turn on a second sign-in factor: ${ctx.portalUrl}/account/security`,
          `If your password is used anywhere else, change it; if you forgot it, choose a new one: ${ctx.portalUrl}/forgot-password`,
        ].join("\n"),
      html: (d, ctx) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Someone tried to sign in to your account ${d.failures} times in the last hour with a wrong
            password.
          </p>
          <p>
            If it was not you, there is nothing you need to do: your password held, and these attempts cannot
            lock you out.
          </p>
          <p>
            To protect the account even if the password leaks,
            ${link(`${ctx.portalUrl}/account/security`, "turn on a second sign-in factor")}. If your password
            is used anywhere else, change it; if you forgot it,
            ${link(`${ctx.portalUrl}/forgot-password`, "choose a new one")}.
          </p>`,
    },
  },
});
