import { z } from "zod";
import { isRevocationReasonFor, REVOCATION_ACTIONS } from "@/lib/sectigo/after-ordering";

// The cancel / revoke form's input, parsed again by the server action (commands/revoke.ts).
// Browser-safe. The action the customer confirmed is part of it: the server never infers it.

export const CHOOSE_REASON = "Choose a reason from the list.";

export const revokeInputSchema = z
  .object({
    orderId: z.string().min(1).max(64),
    action: z.enum(REVOCATION_ACTIONS, {
      message: "Say whether to cancel the order or revoke the certificate.",
    }),
    // An empty select posts "": the customer is asked to choose, not told about NaN.
    reasonCode: z.preprocess(
      (v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v),
      z.number({ message: CHOOSE_REASON }).int(CHOOSE_REASON),
    ),
    reasonText: z.string().trim().max(1024, "At most 1,024 characters.").default(""),
    confirm: z.literal("yes", { message: "Confirm that you understand what this does." }),
  })
  .superRefine((input, ctx) => {
    if (!isRevocationReasonFor(input.action, input.reasonCode))
      ctx.addIssue({ code: "custom", path: ["reasonCode"], message: CHOOSE_REASON });
  });
export type RevokeInput = z.input<typeof revokeInputSchema>;
