import { z } from "zod";
import { orderIdSchema } from "@/lib/orders/model/draft-input";

// Shared by the approval forms and their server actions (which parse again).

const orderId = z.string().trim().min(1, "The order is missing.").pipe(orderIdSchema);
/** The version the approver saw: a change in between (withdrawn, resubmitted) refuses the decision. */
const version = z.coerce.number().int().min(0);

export const REJECTION_REASON_MAX = 500;
export const rejectionReasonSchema = z
  .string()
  .trim()
  .min(1, "Say why you reject the order; the requester reads it.")
  .max(REJECTION_REASON_MAX, `Use at most ${REJECTION_REASON_MAX} characters.`);

export const approveSchema = z.object({ orderId, version });
export const rejectSchema = z.object({ orderId, version, reason: rejectionReasonSchema });
export const withdrawSchema = z.object({ orderId, version: version.optional() });

export const approvalSettingsSchema = z.object({
  organizationId: z.string().trim().min(1).max(100),
  // Checkboxes: present ("on") when ticked, absent otherwise.
  approvalRequired: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  selfApprovalAllowed: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
});

export type ApproveInput = z.infer<typeof approveSchema>;
export type RejectInput = z.infer<typeof rejectSchema>;
export type WithdrawInput = z.infer<typeof withdrawSchema>;
