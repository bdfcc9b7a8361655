import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { FieldErrors } from "@/lib/field-errors";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { STATUS_LABELS } from "@/lib/orders/model/status";
import { transition, TransitionRefused } from "@/lib/orders/lifecycle/store";

// What support's commands (retry, reconcile, cancel, reopen) share: the guard, the parse, the
// order as the agent saw it, and one transaction for check, change and audit.

export const CONFLICT_MESSAGE = "This order was changed by someone else; reload";

export interface SupportActionResult {
  orderId: string;
  status: OrderStatus;
  message: string;
}

/** The input parsed by the command's own schema (the command is callable without the action). */
export function parseSupportInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    throw new Refusal("invalid", "Please correct the highlighted fields.", fieldErrors as FieldErrors);
  }
  return parsed.data;
}

export const conflict = () => new Refusal("conflict", CONFLICT_MESSAGE);

/** The order as the agent saw it, or the refusal that applies (missing, changed, wrong state). */
export async function orderAtVersion(
  tx: Prisma.TransactionClient,
  orderId: string,
  version: number,
  allowed: readonly OrderStatus[],
  verb: string,
) {
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: { id: true, status: true, version: true, externalOrderNumber: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist.");
  if (order.version !== version) throw conflict();
  if (!allowed.includes(order.status)) {
    throw new Refusal(
      "not_allowed",
      `An order that is "${STATUS_LABELS[order.status].label}" cannot be ${verb}.`,
    );
  }
  return order;
}

/** One transaction for check, change and audit; a lost race surfaces as the conflict message. */
export async function changeStatus<T>(
  prisma: Awaited<ReturnType<typeof db>>,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(work);
  } catch (error) {
    if (error instanceof TransitionRefused) throw conflict();
    throw error;
  }
}

/**
 * A support decision that only moves the order (nothing is sent): checked at the version the
 * agent saw and in the states allowed, moved, and audited with the reason, in one transaction.
 */
export async function moveBySupport(
  user: SessionUser,
  input: { orderId: string; version: number; reason: string },
  move: {
    to: OrderStatus;
    from: readonly OrderStatus[];
    verb: string;
    action: string;
    data?: Prisma.OrderUncheckedUpdateManyInput;
    message: (externalOrderNumber: string) => string;
  },
): Promise<SupportActionResult> {
  const prisma = await db();
  return changeStatus(prisma, async (tx) => {
    const order = await orderAtVersion(tx, input.orderId, input.version, move.from, move.verb);
    await transition(tx, order.id, move.to, move.data ?? {}, {
      from: move.from,
      expectedVersion: input.version,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: move.action,
      orderId: order.id,
      reason: input.reason,
      details: { fromStatus: order.status },
    });
    return { orderId: order.id, status: move.to, message: move.message(order.externalOrderNumber) };
  });
}
