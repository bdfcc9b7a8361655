import type { z } from "zod";
import { approvalApproved } from "@/lib/mail/templates/approval-approved";
import { approvalRejected } from "@/lib/mail/templates/approval-rejected";
import { approvalRequested } from "@/lib/mail/templates/approval-requested";
import { incident } from "@/lib/mail/templates/incident";
import { expiryReminder } from "@/lib/mail/templates/expiry-reminder";
import { mailCheck } from "@/lib/mail/templates/mail-check";
import { orderActionNeeded } from "@/lib/mail/templates/order-action-needed";
import { orderCancelled } from "@/lib/mail/templates/order-cancelled";
import { orderDelayed } from "@/lib/mail/templates/order-delayed";
import { orderIssued } from "@/lib/mail/templates/order-issued";
import { orderPlaced } from "@/lib/mail/templates/order-placed";
import { orderRefused } from "@/lib/mail/templates/order-refused";
import { orderRejected } from "@/lib/mail/templates/order-rejected";
import { orderRevoked } from "@/lib/mail/templates/order-revoked";
import { supportAlert } from "@/lib/mail/templates/support-alert";
import { emailChangeAddressTaken } from "@/lib/mail/templates/email-change-address-taken";
import { emailChangeConfirm } from "@/lib/mail/templates/email-change-confirm";
import { emailChanged } from "@/lib/mail/templates/email-changed";
import { passwordChanged } from "@/lib/mail/templates/password-changed";
import { passwordReset } from "@/lib/mail/templates/password-reset";
import { secondFactorFailures } from "@/lib/mail/templates/second-factor-failures";
import { signInFailures } from "@/lib/mail/templates/sign-in-failures";
import { signUpExistingAccount } from "@/lib/mail/templates/sign-up-existing-account";
import { verifyEmail } from "@/lib/mail/templates/verify-email";
import { organizationInvitation } from "@/lib/mail/templates/organization-invitation";
import { webhookDisabled } from "@/lib/mail/templates/webhook-disabled";
import type { MailTemplate } from "@/lib/mail/templates/types";

// The registry of mail templates. To add one: a file in this folder exporting
// defineTemplate({ name, category, schema, locales: { en: { subject, text, html } } }), and one
// entry below whose key is the template's name.
export const templates = {
  "mail-check": mailCheck,
  // The order lifecycle's (queued by the database: migration order_notifications).
  "order-placed": orderPlaced,
  "order-action-needed": orderActionNeeded,
  "order-issued": orderIssued,
  "order-rejected": orderRejected,
  "order-refused": orderRefused,
  "order-cancelled": orderCancelled,
  "order-delayed": orderDelayed,
  "order-revoked": orderRevoked,
  "support-alert": supportAlert,
  "expiry-reminder": expiryReminder,
  // Approval of an organization's orders (lib/orders/approval/), queued by the portal.
  "approval-requested": approvalRequested,
  "approval-approved": approvalApproved,
  "approval-rejected": approvalRejected,
  // Accounts (lib/users/): links and security notices, always sent.
  "verify-email": verifyEmail,
  "password-reset": passwordReset,
  "password-changed": passwordChanged,
  "email-change-confirm": emailChangeConfirm,
  "email-changed": emailChanged,
  "email-change-address-taken": emailChangeAddressTaken,
  "sign-in-failures": signInFailures,
  "second-factor-failures": secondFactorFailures,
  "sign-up-existing-account": signUpExistingAccount,
  // Operations alerts to admins and support (lib/alerts/evaluate.ts).
  incident: incident,
  // Organizations (lib/organizations/invitations.ts).
  "organization-invitation": organizationInvitation,
  // Webhooks (lib/webhooks/deliver.ts).
  "webhook-disabled": webhookDisabled,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateData<T extends TemplateName> = z.output<(typeof templates)[T]["schema"]>;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(templates, name);
}

export function getTemplate(name: string): MailTemplate | undefined {
  return isTemplateName(name) ? (templates[name] as MailTemplate) : undefined;
}
