import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import type { FieldErrors } from "@/lib/field-errors";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/users/data";
import { isStaff } from "@/lib/orders/queries/access";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { STATUS_LABELS } from "@/lib/orders/model/status";
import { transition, TransitionRefused } from "@/lib/orders/lifecycle/store";
import { markPlacedSchema, supportActionSchema } from "@/lib/orders/model/support-schemas";
import { RETRYABLE_BY_SUPPORT, sourcesOf } from "@/lib/orders/model/transitions";
import { checkStoredInput, holdForReview, type StoredInputCheck } from "@/lib/orders/lifecycle/stored-input";
import { SUPPORT_STATE_LABELS } from "@/lib/orders/model/support-labels";

export type SupportErrorCode = "forbidden" | "not_found" | "conflict" | "not_allowed" | "invalid";

/** A refused support action; `message` is written for the agent who tried it. */
export class SupportActionError extends Error {
  constructor(
    readonly code: SupportErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "SupportActionError";
  }
}

export const CONFLICT_MESSAGE = "This order was changed by someone else; reload";

/** Where support may record the Sectigo order number (reconcile, or resolve as placed). */
export const MARK_PLACED_FROM: readonly OrderStatus[] = sourcesOf("PLACED").filter((s) => s !== "SUBMITTING");
/** Drafts belong to their customer; every later state that may end in CANCELLED is support's. */
export const CANCELLABLE_BY_SUPPORT: readonly OrderStatus[] = sourcesOf("CANCELLED").filter(
  (s) => s !== "DRAFT",
);
/** Input problems the CA flagged for review go back to the wizard as REJECTED. */
export const REOPENABLE_BY_SUPPORT: readonly OrderStatus[] = ["NEEDS_REVIEW"];

export interface SupportActionResult {
  orderId: string;
  status: OrderStatus;
  message: string;
}

/** Support staff and administrators only; everyone else is refused before anything is read. */
export function assertSupport(user: SessionUser): void {
  if (!isStaff(user)) throw new SupportActionError("forbidden", "Only support staff can do this.");
}

function parse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    throw new SupportActionError(
      "invalid",
      "Please correct the highlighted fields.",
      fieldErrors as FieldErrors,
    );
  }
  return parsed.data;
}

const conflict = () => new SupportActionError("conflict", CONFLICT_MESSAGE);

/** The order as the agent saw it, or the refusal that applies (missing, changed, wrong state). */
async function orderAtVersion(
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
  if (!order) throw new SupportActionError("not_found", "This order does not exist.");
  if (order.version !== version) throw conflict();
  if (!allowed.includes(order.status)) {
    throw new SupportActionError(
      "not_allowed",
      `An order that is "${STATUS_LABELS[order.status].label}" cannot be ${verb}.`,
    );
  }
  return order;
}

/**
 * Support's retry: a new attempt with the same external order number and checkFONIsUnique=Y,
 * audited (with the reason) in the transaction that claims the order. Should the first attempt
 * have gone through, Sectigo refuses the duplicate and the order moves to NEEDS_RECONCILIATION.
 */
export async function retryOrder(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertSupport(user);
  const input = parse(supportActionSchema, raw);
  const prisma = await db();
  const order = await orderAtVersion(prisma, input.orderId, input.version, RETRYABLE_BY_SUPPORT, "retried");
  const check = await checkStoredInput(prisma, order.id);
  if (!check.ok) await refuseInvalidStoredInput(user, order, input, check);
  try {
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: RETRYABLE_BY_SUPPORT,
      trigger: "SUPPORT",
      triggeredById: user.id,
      expectedVersion: input.version,
      onClaim: async (tx, { attemptId }) => {
        await recordAudit(tx, {
          actorId: user.id,
          action: "order.retried",
          orderId: order.id,
          reason: input.reason,
          details: {
            attemptId,
            fromStatus: order.status,
            foreignOrderNumber: order.externalOrderNumber,
            checkFONIsUnique: true,
          },
        });
      },
    });
    return {
      orderId: order.id,
      status: sent.status,
      message: retryMessage(sent.status, order.externalOrderNumber),
    };
  } catch (error) {
    if (error instanceof TransitionRefused) throw conflict();
    throw error;
  }
}

/**
 * A retry of an order whose stored input no longer validates cannot send anything: the order
 * moves to NEEDS_REVIEW (audited with the agent's reason), where it can be reopened for
 * correction or cancelled, and the agent is told so. Always throws.
 */
async function refuseInvalidStoredInput(
  user: SessionUser,
  order: { id: string; status: OrderStatus },
  input: { version: number; reason: string },
  check: Extract<StoredInputCheck, { ok: false }>,
): Promise<never> {
  if (order.status !== "NEEDS_REVIEW") {
    const prisma = await db();
    await changeStatus(prisma, async (tx) => {
      await holdForReview(tx, order.id, check, {
        from: RETRYABLE_BY_SUPPORT,
        expectedVersion: input.version,
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "order.retry_refused",
        orderId: order.id,
        reason: input.reason,
        details: { fromStatus: order.status, problems: check.problems },
      });
    });
  }
  throw new SupportActionError(
    "not_allowed",
    `Nothing was sent: the stored order no longer passes the portal's checks (${check.problems.join("; ")}). ` +
      `It is now in "${SUPPORT_STATE_LABELS.NEEDS_REVIEW}": reopen it for correction, or cancel it.`,
  );
}

function retryMessage(status: OrderStatus, externalOrderNumber: string): string {
  switch (status) {
    case "PLACED":
      return `Order ${externalOrderNumber} was placed at Sectigo.`;
    case "NEEDS_RECONCILIATION":
      return `Sectigo already has an order with ${externalOrderNumber}, so nothing new was placed. Find it at Sectigo and record its order number.`;
    case "RETRY_SCHEDULED":
      return `Sectigo did not answer properly; the portal retries ${externalOrderNumber} automatically.`;
    default:
      return `The retry ended as "${STATUS_LABELS[status].label}"; see the latest attempt.`;
  }
}

/**
 * Records the Sectigo order number that support found at Sectigo (reconciliation, or resolving
 * an order manually as placed). Refused when another order already carries that number.
 */
export async function markOrderPlaced(
  user: SessionUser,
  raw: z.input<typeof markPlacedSchema>,
): Promise<SupportActionResult> {
  assertSupport(user);
  const input = parse(markPlacedSchema, raw);
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
      throw new SupportActionError("invalid", message, { sectigoOrderNumber: [message] });
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

/** Cancels an order in the portal (nothing is sent to Sectigo). */
export async function cancelOrder(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertSupport(user);
  const input = parse(supportActionSchema, raw);
  const prisma = await db();
  return changeStatus(prisma, async (tx) => {
    const order = await orderAtVersion(tx, input.orderId, input.version, CANCELLABLE_BY_SUPPORT, "cancelled");
    await transition(
      tx,
      order.id,
      "CANCELLED",
      { nextRetryAt: null },
      { from: CANCELLABLE_BY_SUPPORT, expectedVersion: input.version },
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.cancelled",
      orderId: order.id,
      reason: input.reason,
      details: { fromStatus: order.status },
    });
    return {
      orderId: order.id,
      status: "CANCELLED",
      message: `Order ${order.externalOrderNumber} is cancelled.`,
    };
  });
}

/** Moves an order flagged for review back to REJECTED, so the wizard can correct and resubmit it. */
export async function reopenForEditing(
  user: SessionUser,
  raw: z.input<typeof supportActionSchema>,
): Promise<SupportActionResult> {
  assertSupport(user);
  const input = parse(supportActionSchema, raw);
  const prisma = await db();
  return changeStatus(prisma, async (tx) => {
    const order = await orderAtVersion(
      tx,
      input.orderId,
      input.version,
      REOPENABLE_BY_SUPPORT,
      "reopened for editing",
    );
    await transition(
      tx,
      order.id,
      "REJECTED",
      {},
      { from: REOPENABLE_BY_SUPPORT, expectedVersion: input.version },
    );
    await recordAudit(tx, {
      actorId: user.id,
      action: "order.reopened_for_editing",
      orderId: order.id,
      reason: input.reason,
      details: { fromStatus: order.status },
    });
    return {
      orderId: order.id,
      status: "REJECTED",
      message: `Order ${order.externalOrderNumber} can now be corrected in the order form.`,
    };
  });
}

/** One transaction for check, change and audit; a lost race surfaces as the conflict message. */
async function changeStatus<T>(
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
