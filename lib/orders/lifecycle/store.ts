import "server-only";
import type { OrderStatus, AttemptTrigger, AttemptOutcome } from "@/lib/generated/prisma/enums";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { sourcesOf, canTransition } from "@/lib/orders/model/transitions";
import { PREPARED_MARK } from "@/lib/db/prepared";
import { CompromisedKeyRefused } from "@/lib/orders/lifecycle/compromised-keys";
import type { QuoteColumns } from "@/lib/prices/submit-quote";

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

/** Order columns a claim may set besides the lifecycle's own (the submission's validated input). */
export interface ClaimedOrderColumns {
  input: Prisma.InputJsonValue;
  test: boolean;
  productCode: number;
  days: number | null;
  organizationName: string | null;
  commonName: string | null;
  currentStep: string;
  /** The price quoted to the customer (lib/prices/submit-quote.ts), stored with the send. */
  quote?: QuoteColumns;
}

export interface Claim {
  from: readonly OrderStatus[];
  trigger: AttemptTrigger;
  triggeredById: string | null;
  /** The request as it will be sent, password redacted. Stored once, here. */
  request: Prisma.InputJsonValue;
  expectedVersion?: number;
  /** A person's send starts a new series of automatic retries (retryCount back to 0). */
  resetRetries: boolean;
  /** Stored with the claim, in the same statement (the wizard's submission). */
  store?: ClaimedOrderColumns;
  /** The CSR key's SPKI hash: the claim fails if that key was revoked as compromised. */
  refuseKey?: string;
}

// Timestamps go as ISO text cast to timestamp(3), the way Prisma writes them (UTC wall time),
// whatever the session's time zone.
const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;

/** The quote columns of the claim; decimals travel as text, cast to numeric (never a float). */
const quoteSql = (q: QuoteColumns) => Prisma.sql`,
        "quoteCurrency" = ${q.quoteCurrency}::text,
        "quoteNet" = ${q.quoteNet}::numeric,
        "quoteVatRate" = ${q.quoteVatRate}::numeric,
        "quoteVat" = ${q.quoteVat}::numeric,
        "quoteGross" = ${q.quoteGross}::numeric,
        "quoteVatCountry" = ${q.quoteVatCountry}::text,
        "quoteReverseCharge" = ${q.quoteReverseCharge}::boolean,
        "quoteVatNumber" = ${q.quoteVatNumber}::text,
        "quotePriceSource" = ${q.quotePriceSource}::text,
        "quotePriceId" = ${q.quotePriceId}::text,
        "quotePriceVersion" = ${q.quotePriceVersion}::int,
        "quotedAt" = ${q.quotedAt ? q.quotedAt.toISOString() : null}::timestamp(3)`;

/**
 * Claims an order for one call to the CA in one statement: SUBMITTING (at the version the
 * caller saw, from the allowed states) plus a PENDING attempt row holding the request, and, for
 * a submission, the validated input. Committed before any request leaves the process (a crash
 * mid-call leaves evidence for recovery). Returns the retry series the send belongs to.
 */
export async function claimForSubmission(
  tx: Tx,
  orderId: string,
  claim: Claim,
): Promise<{ attemptId: string; retryCount: number }> {
  const allowed = claim.from.filter((from) => canTransition(from, "SUBMITTING"));
  const now = new Date();
  const attemptId = crypto.randomUUID();
  const stored = claim.store;
  const storeColumns = stored
    ? Prisma.sql`,
        "input" = ${JSON.stringify(stored.input)}::jsonb,
        "test" = ${stored.test}::boolean,
        "productCode" = ${stored.productCode}::int,
        "days" = ${stored.days}::int,
        "organizationName" = ${stored.organizationName}::text,
        "commonName" = ${stored.commonName}::text,
        "currentStep" = ${stored.currentStep}::text${stored.quote ? quoteSql(stored.quote) : Prisma.empty}`
    : Prisma.empty;
  const version =
    claim.expectedVersion === undefined
      ? Prisma.empty
      : Prisma.sql`AND "version" = ${claim.expectedVersion}::int`;
  const key =
    claim.refuseKey === undefined
      ? Prisma.empty
      : Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "CompromisedKey" k WHERE k."spkiSha256" = ${claim.refuseKey}::text)`;
  const rows = await tx.$queryRaw<{ attemptId: string; retryCount: number }[]>`
    WITH claimed AS (
      UPDATE "Order" SET
        "status" = 'SUBMITTING'::"OrderStatus",
        "version" = "version" + 1,
        "submittedAt" = ${timestamp(now)},
        "nextRetryAt" = NULL,
        "retryCount" = CASE WHEN ${claim.resetRetries}::boolean THEN 0 ELSE "retryCount" END,
        "updatedAt" = ${timestamp(now)}${storeColumns}
      WHERE "id" = ${orderId}::text
        AND "status"::text = ANY(${allowed as string[]}::text[])
        ${version}
        ${key}
      RETURNING "id", "retryCount"
    ), attempt AS (
      INSERT INTO "OrderAttempt" ("id", "orderId", "triggeredById", "trigger", "request", "outcome", "startedAt")
      SELECT ${attemptId}::text, claimed."id", ${claim.triggeredById}::text, ${claim.trigger}::"AttemptTrigger",
        ${JSON.stringify(claim.request)}::jsonb, 'PENDING'::"AttemptOutcome", ${timestamp(now)}
      FROM claimed
      RETURNING "id"
    )
    SELECT attempt."id" AS "attemptId", claimed."retryCount" AS "retryCount" FROM claimed, attempt
    ${Prisma.raw(PREPARED_MARK)}`;
  const claimed = rows[0];
  if (!claimed) {
    if (claim.refuseKey !== undefined) {
      const compromised = await tx.compromisedKey.findUnique({
        where: { spkiSha256: claim.refuseKey },
        select: { order: { select: { externalOrderNumber: true } } },
      });
      if (compromised) throw new CompromisedKeyRefused(compromised.order.externalOrderNumber);
    }
    throw await refusedTransition(tx, orderId, "SUBMITTING");
  }
  return { attemptId: claimed.attemptId, retryCount: Number(claimed.retryCount) };
}

async function refusedTransition(tx: Tx, orderId: string, to: OrderStatus): Promise<TransitionRefused> {
  const current = await tx.order.findUnique({ where: { id: orderId }, select: { status: true } });
  return new TransitionRefused(orderId, to, current?.status ?? null);
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

// The columns an outcome writes, with the SQL type each value is cast to.
const ORDER_OUTCOME_COLUMNS = {
  sectigoOrderNumber: "text",
  totalCost: "numeric",
  certificateId: "text",
  certificateState: "text",
  uniqueValue: "text",
  placedAt: "timestamp(3)",
  failureClass: "text",
  failureCode: "int",
  failureMessage: "text",
  failureField: "text",
  retryCount: "int",
  nextRetryAt: "timestamp(3)",
} as const;
const ATTEMPT_OUTCOME_COLUMNS = {
  outcome: '"AttemptOutcome"',
  responseBody: "text",
  httpStatus: "int",
  errorCode: "int",
  errorClass: "text",
  message: "text",
  durationMs: "int",
  request: "jsonb",
} as const;

function assignments(values: object, columns: Readonly<Record<string, string>>): Prisma.Sql[] {
  return Object.entries(values).map(([key, value]: [string, unknown]) => {
    const type = columns[key];
    // Only plain values of known columns: anything else is a programming error, not data.
    if (!type) throw new Error(`recordOutcome cannot write the column ${key}`);
    const param =
      value === null || value === undefined
        ? null
        : value instanceof Date
          ? value.toISOString()
          : type === "jsonb"
            ? JSON.stringify(value)
            : typeof value === "object"
              ? String(value) // a Prisma.Decimal
              : value;
    return Prisma.sql`${Prisma.raw(`"${key}"`)} = ${param}::${Prisma.raw(type)}`;
  });
}

/**
 * Records the CA's answer on the attempt and moves the order out of SUBMITTING, atomically, in
 * one statement: the attempt is written only if the order was still SUBMITTING.
 */
export async function recordOutcome(
  prisma: Tx,
  orderId: string,
  attemptId: string,
  attempt: AttemptRecord,
  to: OrderStatus,
  data: Prisma.OrderUncheckedUpdateManyInput,
): Promise<void> {
  if (!canTransition("SUBMITTING", to)) throw new TransitionRefused(orderId, to, "SUBMITTING");
  const now = new Date();
  const orderSet = assignments(data, ORDER_OUTCOME_COLUMNS);
  const attemptSet = assignments(attempt, ATTEMPT_OUTCOME_COLUMNS);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH moved AS (
      UPDATE "Order" SET
        "status" = ${to}::"OrderStatus",
        "version" = "version" + 1,
        "updatedAt" = ${timestamp(now)}${orderSet.length ? Prisma.sql`, ${Prisma.join(orderSet)}` : Prisma.empty}
      WHERE "id" = ${orderId}::text AND "status" = 'SUBMITTING'::"OrderStatus"
      RETURNING "id"
    )
    UPDATE "OrderAttempt" SET ${Prisma.join([...attemptSet, Prisma.sql`"finishedAt" = ${timestamp(now)}`])}
    WHERE "id" = ${attemptId}::text AND EXISTS (SELECT 1 FROM moved)
    RETURNING "id"
    ${Prisma.raw(PREPARED_MARK)}`;
  if (rows.length !== 1) throw await refusedTransition(prisma, orderId, to);
}
