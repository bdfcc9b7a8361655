import { z } from "zod";
import { html } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// The owner's notice of repeated failed sign-ins (lib/auth/sign-in.ts), at most once an hour.
// Nobody can lock the owner out, so it asks for nothing unless they want a second factor.
export const signInFailures = defineTemplate({
  name: "sign-in-failures",
  category: "account",
  schema: z.object({ name: z.string().max(200), failures: z.number().int().positive() }),
  locales: {
    en: {
      subject: () => "Failed sign-ins to your eIDAS Certificate Portal account",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          `Someone tried to sign in to your account ${d.failures} times in the last hour with a wrong password.`,
          "",
          "If it was not you, there is nothing you need to do: your password held, and these attempts cannot lock you out. If your password is used anywhere else, change it. A second sign-in factor, when the portal offers it, protects the account even if the password leaks.",
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Someone tried to sign in to your account ${d.failures} times in the last hour with a wrong
            password.
          </p>
          <p>
            If it was not you, there is nothing you need to do: your password held, and these attempts cannot
            lock you out. If your password is used anywhere else, change it. A second sign-in factor, when the
            portal offers it, protects the account even if the password leaks.
          </p>`,
    },
  },
});
