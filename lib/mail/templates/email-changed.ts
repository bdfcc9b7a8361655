import { z } from "zod";
import { html } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// Sent to the OLD address once an e-mail change is confirmed: the owner learns of a change they
// did not make while this address still reaches them.
export const emailChanged = defineTemplate({
  name: "email-changed",
  category: "account",
  schema: z.object({ name: z.string().max(200), newEmail: z.string().max(254) }),
  locales: {
    en: {
      subject: () => "The e-mail address of your eIDAS Certificate Portal account was changed",
      text: (d) =>
        [
          `Hello ${d.name},`,
          "",
          `Your account now uses ${d.newEmail}; this address no longer signs in and gets no more messages from the portal.`,
          "",
          "If you did not make this change, contact the portal's support at once and tell them this message arrived.",
        ].join("\n"),
      html: (d) =>
        html`<p>Hello ${d.name},</p>
          <p>
            Your account now uses <strong>${d.newEmail}</strong>; this address no longer signs in and gets no
            more messages from the portal.
          </p>
          <p>
            If you did not make this change, contact the portal's support at once and tell them this message
            arrived.
          </p>`,
    },
  },
});
