import "server-only";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { serverSoftwareSchema } from "@/lib/orders/model/server-software-schema";
import { Refusal } from "@/lib/refusal";
import { PARAMS } from "@/lib/sectigo/registry";
import type { SessionUser } from "@/lib/users/data";

/**
 * States from which the order may still be sent (again). Once it is placed (or cancelled) the
 * code Sectigo holds cannot change, so setting one would only mislead.
 */
export const SERVER_SOFTWARE_SETTABLE: readonly OrderStatus[] = [
  "DRAFT",
  "REJECTED",
  "ACCOUNT_PROBLEM",
  "RETRY_SCHEDULED",
  "FAILED_TRANSIENT",
  "OUTCOME_UNKNOWN",
  "NEEDS_REVIEW",
];

const DEFAULT_CODE = Number(PARAMS.serverSoftware.defaultValue);

/**
 * Sets the serverSoftware code sent with this order's next send (admins only), audited with the
 * reason in the same transaction. "-1" clears it back to the portal default.
 */
export async function setOrderServerSoftware(
  user: SessionUser,
  input: z.output<typeof serverSoftwareSchema>,
): Promise<{ orderId: string; serverSoftware: number }> {
  assertRole(user, ADMIN, "set an order's server software");
  const code = Number(input.serverSoftware);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: input.orderId },
      select: { id: true, status: true, serverSoftware: true },
    });
    if (!order) throw new Refusal("not_found", "This order does not exist.");
    // Conditional on the state, so a send that claims the order meanwhile wins.
    const updated = await tx.order.updateMany({
      where: { id: order.id, status: { in: [...SERVER_SOFTWARE_SETTABLE] } },
      data: { serverSoftware: code === DEFAULT_CODE ? null : code },
    });
    if (updated.count !== 1) {
      throw new Refusal(
        "not_allowed",
        "This order has already been sent to Sectigo; its server software can no longer change.",
      );
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.server_software_set",
      orderId: order.id,
      reason: input.reason,
      details: { from: order.serverSoftware ?? DEFAULT_CODE, to: code },
    });
    return { orderId: order.id, serverSoftware: code };
  });
}
