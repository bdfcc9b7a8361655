import "server-only";
import { assertRole, STAFF } from "@/lib/auth/roles";
import { Refusal } from "@/lib/refusal";
import type { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/users/data";
import { transition } from "@/lib/orders/lifecycle/store";
import { markPlacedSchema } from "@/lib/orders/model/support-schemas";
import { MARK_PLACED_FROM } from "@/lib/orders/model/transitions";
import {
  changeStatus,
  orderAtVersion,
  parseSupportInput,
  type SupportActionResult,
} from "@/lib/orders/commands/support-shared";

/**
 * Records the Sectigo order number that support found at Sectigo (reconciliation, or resolving
 * an order manually as placed). Refused when another order already carries that number.
 */
export async function markOrderPlaced(
  user: SessionUser,
  raw: z.input<typeof markPlacedSchema>,
): Promise<SupportActionResult> {
  assertRole(user, STAFF);
  const input = parseSupportInput(markPlacedSchema, raw);
  const prisma = await db();
  return changeStatus(prisma, async (tx) => {
    const order = await orderAtVersion(
      tx,
      input.orderId,
      input.version,
      MARK_PLACED_FROM,
      "marked as placed",
    );
    const taken = await tx.order.findFirst({
      where: { sectigoOrderNumber: input.sectigoOrderNumber, id: { not: order.id } },
      select: { externalOrderNumber: true },
    });
    if (taken) {
      const message = `Order ${taken.externalOrderNumber} already has Sectigo order number ${input.sectigoOrderNumber}.`;
      throw new Refusal("invalid", message, { sectigoOrderNumber: [message] });
    }
    await transition(
      tx,
      order.id,
      "PLACED",
      {
        sectigoOrderNumber: input.sectigoOrderNumber,
        placedAt: new Date(),
        nextRetryAt: null,
        failureClass: null,
        failureCode: null,
        failureMessage: null,
        failureField: null,
      },
      { from: MARK_PLACED_FROM, expectedVersion: input.version },
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.marked_placed",
      orderId: order.id,
      reason: input.reason,
      details: { fromStatus: order.status, sectigoOrderNumber: input.sectigoOrderNumber },
    });
    return {
      orderId: order.id,
      status: "PLACED",
      message: `Order ${order.externalOrderNumber} is placed as Sectigo order ${input.sectigoOrderNumber}.`,
    };
  });
}
