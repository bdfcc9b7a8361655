import "server-only";
import { assertRole, STAFF } from "@/lib/auth/roles";
import type { z } from "zod";
import type { SessionUser } from "@/lib/users/data";
import { supportActionSchema } from "@/lib/orders/model/support-schemas";
import { CANCELLABLE_BY_SUPPORT } from "@/lib/orders/model/transitions";
import {
  moveBySupport,
  parseSupportInput,
  type SupportActionResult,
} from "@/lib/orders/commands/support-shared";

/** Cancels an order in the portal (nothing is sent to Sectigo). */
export async function cancelOrder(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertRole(user, STAFF);
  const input = parseSupportInput(supportActionSchema, raw);
  return moveBySupport(user, input, {
    to: "CANCELLED",
    from: CANCELLABLE_BY_SUPPORT,
    verb: "cancelled",
    action: "order.cancelled",
    data: { nextRetryAt: null },
    message: (number) => `Order ${number} is cancelled.`,
  });
}
