import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttemptTrigger, OrderStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { sectigoClientFromEnv, type RedactedRequest, type SectigoClient } from "@/lib/sectigo/client";
import { resellerSettings } from "@/lib/sectigo/reseller";
import { orderInputSchema, type OrderInput } from "@/lib/sectigo/schema";
import { buildRequestParams, redactParams, REDACTED } from "@/lib/sectigo/wire";
import {
  claimForSubmission,
  recordOutcome,
  type Claim,
  type ClaimedOrderColumns,
} from "@/lib/orders/lifecycle/store";
import { answerNotRecorded, forgetAnswer, journalAnswer } from "@/lib/orders/lifecycle/journal";
import { outcomeOf } from "@/lib/orders/lifecycle/outcome";
import { AUTOMATIC_TRIGGERS, withRetryPolicy } from "@/lib/orders/lifecycle/retry";
import { runForOrder } from "@/lib/observability/request-context.mjs";

export interface SendRequest {
  orderId: string;
  /** States the order may be sent from; the claim fails if it has moved on. */
  from: readonly OrderStatus[];
  trigger: AttemptTrigger;
  triggeredById: string | null;
  expectedVersion?: number;
  /**
   * Runs inside the claim's transaction, e.g. to audit who asked for this send. Without it the
   * claim is one statement and needs no transaction.
   */
  onClaim?: (tx: Prisma.TransactionClient, claimed: { attemptId: string }) => Promise<void>;
  /**
   * The order as the caller has just read and validated it, so the send need not read and parse
   * it back. The claim still checks the version the caller saw.
   */
  stored?: SendableOrder;
  /** Written by the claim itself, in the same statement (the wizard's validated input). */
  store?: ClaimedOrderColumns;
  /** The CSR key's SPKI hash, refused at the claim if that key was revoked as compromised. */
  refuseKey?: string;
}

/** What a send needs of the order. */
export interface SendableOrder {
  input: OrderInput;
  externalOrderNumber: string;
  test: boolean;
  serverSoftware: number | null;
}

export interface SendResult {
  status: OrderStatus;
  attemptId: string;
}

/**
 * The parameters a send of this order posts, the password redacted: also what an approver is
 * shown (lib/orders/approval/queries.ts), so what they approve is what is sent.
 */
export function sendParams(order: SendableOrder, loginName: string): URLSearchParams {
  return buildRequestParams(order.input, {
    loginName,
    loginPassword: REDACTED,
    foreignOrderNumber: order.externalOrderNumber,
    checkFONIsUnique: true,
    test: order.test,
    reseller: resellerSettings(),
    serverSoftware: order.serverSoftware,
  });
}

/** The client the lifecycle uses; tests and benchmarks substitute their own. */
let clientOverride: SectigoClient | undefined;
export function useSectigoClient(client: SectigoClient | undefined): void {
  clientOverride = client;
}
function client(): SectigoClient {
  return clientOverride ?? sectigoClientFromEnv();
}

/**
 * One call to the CA for an order, in three steps: claim (SUBMITTING + a PENDING attempt with
 * the request as it will be sent, committed first), the call, and the outcome written with the
 * attempt in one statement. Every send carries the order's external number with
 * checkFONIsUnique=Y, so a send after an unknown outcome can never create a second paid order.
 */
export async function sendOrder(prisma: PrismaClient, request: SendRequest): Promise<SendResult> {
  const order = request.stored ?? (await storedOrder(prisma, request.orderId));
  const ca = client();
  // The reseller's settings come from configuration and serverSoftware from the order (an
  // admin's choice), never from the input. Built once: the stored copy is what is sent, with
  // the password replaced (the client puts the real one in as it sends).
  const params = sendParams(order, ca.loginName);
  const stored: RedactedRequest = { url: ca.endpoint, method: "POST", params: redactParams(params) };
  const claim: Claim = {
    from: request.from,
    trigger: request.trigger,
    triggeredById: request.triggeredById,
    expectedVersion: request.expectedVersion,
    request: stored as unknown as Prisma.InputJsonValue,
    // A person's send (customer or support) starts a new series of automatic retries.
    resetRetries: !AUTOMATIC_TRIGGERS.includes(request.trigger),
    store: request.store,
    refuseKey: request.refuseKey,
  };
  const onClaim = request.onClaim;
  const { attemptId, retryCount } = onClaim
    ? await prisma.$transaction(async (tx) => {
        const claimed = await claimForSubmission(tx, request.orderId, claim);
        await onClaim(tx, { attemptId: claimed.attemptId });
        return claimed;
      })
    : await claimForSubmission(prisma, request.orderId, claim);
  const result = await runForOrder(request.orderId, () => ca.send(params));
  const outcome = withRetryPolicy(outcomeOf(result), retryCount);
  // The answer goes to the journal on disk and to the database at once. The send is done when
  // the database has it; if that write fails (database down), it waits for the journal, which
  // then holds Sectigo's order number for the replay. A process dying meanwhile loses the answer
  // only if neither has finished, so never more often than when the journal went first.
  const journalled = journalAnswer({
    orderId: request.orderId,
    attemptId,
    status: outcome.status,
    attempt: outcome.attempt,
    order: outcome.order,
    answeredAt: new Date().toISOString(),
  }).then(
    () => true,
    (error: unknown) => {
      logger.error(
        { orderId: request.orderId, attemptId, err: (error as Error).message },
        "journal write failed",
      );
      return false;
    },
  );
  try {
    await recordOutcome(prisma, request.orderId, attemptId, outcome.attempt, outcome.status, outcome.order);
  } catch (error) {
    if (await journalled) {
      logger.warn(
        { orderId: request.orderId, attemptId, status: outcome.status, err: (error as Error).message },
        "CA answer journalled; it is written to the database when the database answers again",
      );
      answerNotRecorded(prisma, attemptId);
    }
    throw error;
  }
  // The database has it: the entry goes once written, without holding up the answer.
  void journalled.then((written) => (written ? forgetAnswer(attemptId) : undefined)).catch(() => undefined);
  logger.info(
    {
      orderId: request.orderId,
      attemptId,
      trigger: request.trigger,
      status: outcome.status,
      kind: result.kind,
    },
    "order sent to the CA",
  );
  return { status: outcome.status, attemptId };
}

async function storedOrder(prisma: PrismaClient, orderId: string): Promise<SendableOrder> {
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { input: true, externalOrderNumber: true, test: true, serverSoftware: true },
  });
  // The stored input was validated when it was submitted; parsing again yields the typed value.
  return { ...order, input: orderInputSchema.parse(order.input) };
}
