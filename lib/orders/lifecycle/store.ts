import "server-only";
import type { OrderStatus, AttemptTrigger, AttemptOutcome } from "@/lib/generated/prisma/enums";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { sourcesOf, canTransition } from "@/lib/orders/model/transitions";

export class TransitionRefused extends Error {
  constructor(
    readonly orderId: string,
    readonly to: OrderStatus,
    readonly current: OrderStatus | null,
  ) {
    super(
      current === null
        ? `Order ${orderId} does not exist.`
        : `Order ${orderId} is ${current} and cannot move to ${to}; it was probably changed by someone else.`,
    );
    this.name = "TransitionRefused";
  }
}

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * Moves an order to `to` only if it is still in one of the states allowed to reach it (and, when
 * given, still at the version the caller saw). The check and the write are one UPDATE, so of two
 * concurrent callers exactly one wins; the other gets TransitionRefused.
 */
export async function transition(
  tx: Tx,
  orderId: string,
  to: OrderStatus,
  data: Prisma.OrderUncheckedUpdateManyInput = {},
  options: { from?: readonly OrderStatus[]; expectedVersion?: number } = {},
): Promise<void> {
  const allowed = (options.from ?? sourcesOf(to)).filter((from) => canTransition(from, to));
  const result = await tx.order.updateMany({
    where: {
      id: orderId,
      status: { in: allowed },
      ...(options.expectedVersion === undefined ? {} : { version: options.expectedVersion }),
    },
    data: { ...data, status: to, version: { increment: 1 } },
  });
  if (result.count !== 1) {
    const current = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
    throw new TransitionRefused(orderId, to, current?.status ?? null);
  }
}

/**
 * Claims an order for one call to the CA: SUBMITTING plus a PENDING attempt row, committed
 * before any request leaves the process (a crash mid-call leaves evidence for recovery).
 */
export async function claimForSubmission(
  prisma: PrismaClient,
  orderId: string,
  claim: {
    from: readonly OrderStatus[];
    trigger: AttemptTrigger;
    triggeredById: string | null;
    request: Prisma.InputJsonValue;
    expectedVersion?: number;
    data?: Prisma.OrderUncheckedUpdateManyInput;
    /** Runs inside the claim's transaction (e.g. the audit event of a support retry). */
    onClaim?: (tx: Prisma.TransactionClient, claimed: { attemptId: string }) => Promise<void>;
  },
): Promise<{ attemptId: string; retryCount: number }> {
  return prisma.$transaction(async (tx) => {
    await transition(
      tx,
      orderId,
      "SUBMITTING",
      { submittedAt: new Date(), ...claim.data },
      { from: claim.from, expectedVersion: claim.expectedVersion },
    );
    const attempt = await tx.orderAttempt.create({
      data: { orderId, trigger: claim.trigger, triggeredById: claim.triggeredById, request: claim.request },
      select: { id: true },
    });
    await claim.onClaim?.(tx, { attemptId: attempt.id });
    // The retry series this send belongs to, as the claim left it: a send that starts a new
    // series set it to 0; any other reads it inside the claim.
    const retryCount =
      claim.data?.retryCount === 0
        ? 0
        : (await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { retryCount: true } }))
            .retryCount;
    return { attemptId: attempt.id, retryCount };
  });
}

export interface AttemptRecord {
  outcome: AttemptOutcome;
  responseBody?: string | null;
  httpStatus?: number | null;
  errorCode?: number | null;
  errorClass?: string | null;
  message?: string | null;
  durationMs: number;
  request?: Prisma.InputJsonValue;
}

/** Records the CA's answer on the attempt and moves the order out of SUBMITTING, atomically. */
export async function recordOutcome(
  prisma: PrismaClient,
  orderId: string,
  attemptId: string,
  attempt: AttemptRecord,
  to: OrderStatus,
  data: Prisma.OrderUncheckedUpdateManyInput,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.orderAttempt.update({
      where: { id: attemptId },
      data: { ...attempt, finishedAt: new Date() },
    });
    await transition(tx, orderId, to, data, { from: ["SUBMITTING"] });
  });
}
