import { z } from "zod";
import { orderIdSchema } from "@/lib/orders/model/draft-input";

// Shared by the support forms in the browser (zodResolver) and by the data functions and
// server actions, which parse again (a server action is reachable by a plain POST).

const orderId = z.string().trim().min(1, "The order is missing.").pipe(orderIdSchema);
/** The order's version as the agent saw it: a change in between refuses the action. */
const version = z.coerce.number().int().min(0);
export const reasonSchema = z
  .string()
  .trim()
  .min(5, "Give a reason of at least 5 characters; it is kept in the audit log.")
  .max(1000, "Use at most 1000 characters.");
export const sectigoOrderNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, "Enter the order number shown at Sectigo: digits only.");

export const supportActionSchema = z.object({ orderId, version, reason: reasonSchema });
export const markPlacedSchema = supportActionSchema.extend({ sectigoOrderNumber: sectigoOrderNumberSchema });

export type SupportActionInput = z.input<typeof supportActionSchema>;
export type MarkPlacedInput = z.input<typeof markPlacedSchema>;

export const SUPPORT_ACTIONS = ["retry", "mark-placed", "cancel", "reopen"] as const;
export type SupportAction = (typeof SUPPORT_ACTIONS)[number];
