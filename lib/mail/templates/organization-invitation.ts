import { z } from "zod";
import { html, link } from "@/lib/mail/html";
import { defineTemplate } from "@/lib/mail/templates/types";

// An owner invites someone into their organization (lib/organizations/invitations.ts): a
// single-use link for the invited address, whether or not it has an account yet.
export const organizationInvitation = defineTemplate({
  name: "organization-invitation",
  category: "account",
  schema: z.object({
    inviterName: z.string().max(200),
    organizationName: z.string().max(200),
    roles: z.string().max(200),
    link: z.url(),
    validFor: z.string().max(40),
  }),
  locales: {
    en: {
      subject: (d) => `${d.inviterName} invites you to ${d.organizationName} on the eIDAS Certificate Portal`,
      text: (d) =>
        [
          "Hello,",
          "",
          `${d.inviterName} invites you to join ${d.organizationName} on the eIDAS Certificate Portal as ${d.roles}.`,
          "Open this link, sign in (or sign up) with this e-mail address and accept:",
          "",
          d.link,
          "",
          `The link works for ${d.validFor} and only once. If you did not expect this invitation, ignore this message.`,
        ].join("\n"),
      html: (d) =>
        html`<p>Hello,</p>
          <p>
            ${d.inviterName} invites you to join <strong>${d.organizationName}</strong> on the eIDAS
            Certificate Portal as ${d.roles}.
          </p>
          <p>Open this link, sign in (or sign up) with this e-mail address and accept:</p>
          <p>${link(d.link, "See the invitation")}</p>
          <p>
            The link works for ${d.validFor} and only once. If you did not expect this invitation, ignore this
            message.
          </p>`,
    },
  },
});
