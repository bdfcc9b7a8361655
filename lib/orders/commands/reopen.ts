import "server-only";
import { assertRole, STAFF } from "@/lib/auth/roles";
import type { z } from "zod";
import type { SessionUser } from "@/lib/users/data";
import { supportActionSchema } from "@/lib/orders/model/support-schemas";
import { REOPENABLE_BY_SUPPORT } from "@/lib/orders/model/transitions";
import {
  moveBySupport,
  parseSupportInput,
  type SupportActionResult,
} from "@/lib/orders/commands/support-shared";

/** Moves an order flagged for review back to REJECTED, so the wizard can correct and resubmit it. */
export async function reopenForEditing(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertRole(user, STAFF);
  const input = parseSupportInput(supportActionSchema, raw);
  return moveBySupport(user, input, {
    to: "REJECTED",
    from: REOPENABLE_BY_SUPPORT,
    verb: "reopened for editing",
    action: "order.reopened_for_editing",
    message: (number) => `Order ${number} can now be corrected in the order form.`,
  });
}
