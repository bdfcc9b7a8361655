import "server-only";
import { currentRequestId } from "@/lib/observability/request-context.mjs";
import { readFileSync } from "node:fs";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { verifyCollected } from "@/lib/certificates/verify";
import { transition } from "@/lib/orders/lifecycle/store";
import { caStatusWords } from "@/lib/orders/model/ca-status";
import { REFUND_TO_CONFIRM } from "@/lib/orders/model/refund";
import {
  buildChecklist,
  checklistChanges,
  STATE_WORDS,
  storedChecklist,
  type DomainSnapshot,
  type TrackingSnapshot,
} from "@/lib/orders/model/checklist";
import type { CaOrderStatus } from "@/lib/sectigo/after-ordering";
import type {
  CaCall,
  Collection,
  DetailedStatus,
  DomainDetail,
  PostPaymentStatus,
} from "@/lib/sectigo/after-ordering-types";
import { getProduct, type ProductCode } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import { recordProfileValidation } from "@/lib/organizations/profile-orders";
import { runForOrder } from "@/lib/observability/request-context.mjs";

// Status tracking of placed orders. Each check holds a lease on the order's tracking row, so two
// instances (or a push and the poller) never talk to Sectigo about one order at once; the result
// is written only while the lease is still ours, in one transaction with the order's timeline.
// Checks are spread by a per-order wait that doubles while nothing changes, and by a budget of
// calls per minute shared by all instances. What a check learns is only ever what Sectigo said
// when asked: a push just makes the order due now.

/** The calls a status check makes; the Sectigo client provides them. */
export interface StatusSource {
  getDetailedStatus(orderNumber: string): Promise<CaCall<DetailedStatus>>;
  getPostPaymentStatus(orderNumber: string): Promise<CaCall<PostPaymentStatus>>;
  getDomainDetails(orderNumber: string): Promise<CaCall<DomainDetail[]>>;
  collect(orderNumber: string, product: ProductCode): Promise<CaCall<Collection>>;
}

export interface TrackingSettings {
  minSeconds: number;
  maxSeconds: number;
  perMinute: number;
  /** How long a check may hold an order; past it, another instance may take the order over. */
  leaseSeconds: number;
  /** A push or a "Refresh now" within this time of the last check waits for its end. */
  minGapSeconds: number;
  trustedRoots: readonly string[];
}

function readRoots(file: string | undefined): string[] {
  if (!file) return [];
  const text = readFileSync(file, "utf8");
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export function trackingSettings(): TrackingSettings {
  const config = env();
  return {
    minSeconds: config.STATUS_CHECK_MIN_SECONDS,
    maxSeconds: Math.max(config.STATUS_CHECK_MAX_SECONDS, config.STATUS_CHECK_MIN_SECONDS),
    perMinute: config.STATUS_CHECKS_PER_MINUTE,
    // Up to five calls (status, checklist, domains, collection) each bounded by the client's timeout.
    leaseSeconds: Math.ceil((5 * config.SECTIGO_TIMEOUT_MS) / 1000) + 30,
    minGapSeconds: Math.min(10, config.STATUS_CHECK_MIN_SECONDS),
    trustedRoots: readRoots(config.CA_TRUSTED_ROOTS_FILE),
  };
}

const timestamp = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;
const BUDGET_LOCK = 724_101; // pg_advisory_xact_lock key: one claimer at a time, all instances.

export interface Lease {
  orderId: string;
  leaseUntil: Date;
}

/** The budget is spread: at most a twelfth of it in any 5 s, so a minute's checks do not go out at once. */
const SPREAD_SECONDS = 5;

/**
 * Claims up to the budget's remainder of the orders due a check, oldest first, each under a
 * lease. The checks started in the last minute (and in the last few seconds, so the budget is
 * spread over the minute) are counted and the claim made under one advisory lock, so all
 * instances together stay within STATUS_CHECKS_PER_MINUTE.
 */
export async function claimDueChecks(
  prisma: PrismaClient,
  settings: TrackingSettings,
  now = new Date(),
  limit = settings.perMinute,
): Promise<Lease[]> {
  const leaseUntil = new Date(now.getTime() + settings.leaseSeconds * 1000);
  const minuteAgo = new Date(now.getTime() - 60_000);
  const spreadAgo = new Date(now.getTime() - SPREAD_SECONDS * 1000);
  const gap = new Date(now.getTime() - settings.minGapSeconds * 1000);
  const perSpread = Math.ceil((settings.perMinute * SPREAD_SECONDS) / 60);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BUDGET_LOCK}::bigint)`;
    const counted = await tx.$queryRaw<{ minute: number; recent: number }[]>`
      SELECT count(*)::int AS "minute",
        count(*) FILTER (WHERE "lastCheckStartedAt" > ${timestamp(spreadAgo)})::int AS "recent"
      FROM "OrderTracking" WHERE "lastCheckStartedAt" > ${timestamp(minuteAgo)}`;
    const minute = Number(counted[0]?.minute ?? 0);
    const recent = Number(counted[0]?.recent ?? 0);
    const room = Math.min(limit, settings.perMinute - minute, perSpread - recent);
    if (room <= 0) return [];
    const rows = await tx.$queryRaw<{ orderId: string }[]>`
      WITH due AS (
        SELECT "orderId" FROM "OrderTracking"
        WHERE "nextCheckAt" <= ${timestamp(now)}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${timestamp(now)})
          AND ("lastCheckStartedAt" IS NULL OR "lastCheckStartedAt" < ${timestamp(gap)})
        ORDER BY "nextCheckAt"
        LIMIT ${room}::int
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "OrderTracking" t SET "leaseUntil" = ${timestamp(leaseUntil)}, "lastCheckStartedAt" = ${timestamp(now)}
      FROM due WHERE t."orderId" = due."orderId"
      RETURNING t."orderId"`;
    return rows.map((r) => ({ orderId: r.orderId, leaseUntil }));
  });
}

/** Makes an order due at once (a push, "Refresh now"); the next tick of any instance checks it. */
export async function markDue(prisma: PrismaClient, orderId: string, now = new Date()): Promise<boolean> {
  const count = await prisma.orderTracking.updateMany({
    where: { orderId, order: { status: { in: ["PLACED"] } } },
    data: { nextCheckAt: now },
  });
  return count.count === 1;
}

interface TrackedRow {
  status: OrderStatus;
  sectigoOrderNumber: string | null;
  productCode: number | null;
  input: Prisma.JsonValue;
  commonName: string | null;
  organizationName: string | null;
  caStatus: string | null;
  checklist: Prisma.JsonValue;
  domains: Prisma.JsonValue;
  intervalSeconds: number;
  checkFailures: number;
  trackingNumber: string | null;
  uploadUrl: string | null;
  revocationRequestedAt: Date | null;
  test: boolean;
}

export type CheckOutcome =
  | { kind: "changed"; events: number; status: OrderStatus }
  | { kind: "unchanged" }
  | { kind: "failed"; message: string }
  | { kind: "stopped"; reason: string }
  | { kind: "lease-lost" };

interface EventRow {
  kind: string;
  summary: string;
  data?: Prisma.InputJsonValue;
}

function nextInterval(settings: TrackingSettings, previous: number, changed: boolean): number {
  if (changed || previous <= 0) return settings.minSeconds;
  return Math.min(settings.maxSeconds, Math.max(settings.minSeconds, previous * 2));
}

function failureWait(settings: TrackingSettings, failures: number): number {
  return Math.min(settings.maxSeconds, settings.minSeconds * 2 ** Math.min(failures, 10));
}

function callProblem(call: CaCall<unknown>, what: string): string | null {
  if (call.kind === "ok") return null;
  return call.kind === "ca-error"
    ? `${what}: Sectigo answered ${call.code} (${call.message})`
    : `${what}: ${call.message}`;
}

/** Sectigo's order statuses that mean the certificate is (being) issued. */
export const ISSUED_AT_CA: readonly (CaOrderStatus | "unknown")[] = ["current", "processed"];
const ENDED_STATUSES: readonly (CaOrderStatus | "unknown")[] = ["rejected", "refunded"];

/**
 * One check of one order whose lease the caller holds: ask Sectigo, compare with what was
 * stored, write the changes and their timeline events, collect and verify the certificate once
 * Sectigo has issued it, and set the next check.
 */
export function runCheck(
  prisma: PrismaClient,
  source: StatusSource,
  lease: Lease,
  settings: TrackingSettings,
  now = () => new Date(),
): Promise<CheckOutcome> {
  // The calls to Sectigo it makes are recorded as the order's (SectigoCall.orderId).
  return runForOrder(lease.orderId, () => checkOnce(prisma, source, lease, settings, now));
}

async function checkOnce(
  prisma: PrismaClient,
  source: StatusSource,
  lease: Lease,
  settings: TrackingSettings,
  now: () => Date,
): Promise<CheckOutcome> {
  const { orderId } = lease;
  const rows = await prisma.$queryRaw<TrackedRow[]>`
    SELECT o."status"::text AS "status", o."sectigoOrderNumber", o."productCode", o."input", o."test",
      o."commonName", o."organizationName", t."caStatus", t."checklist", t."domains",
      t."intervalSeconds", t."checkFailures", t."trackingNumber", t."uploadUrl", t."revocationRequestedAt"
    FROM "OrderTracking" t JOIN "Order" o ON o."id" = t."orderId"
    WHERE t."orderId" = ${orderId}::text`;
  const row = rows[0];
  const product = getProduct(row?.productCode);
  if (!row || row.status !== "PLACED" || !row.sectigoOrderNumber || !product) {
    await release(prisma, lease, { nextCheckAt: null });
    return { kind: "stopped", reason: row ? `order is ${row.status}` : "no such order" };
  }
  const orderNumber = row.sectigoOrderNumber;
  const input = (row.input ?? {}) as Record<string, unknown>;
  const shipsToken = productShipsToken(product, input);

  const status = await source.getDetailedStatus(orderNumber);
  const statusProblem = callProblem(status, "Order status");
  if (status.kind !== "ok") return failed(prisma, lease, settings, row, statusProblem!, now());
  const post = await source.getPostPaymentStatus(orderNumber);
  const domains = product.qwac ? await source.getDomainDetails(orderNumber) : null;

  const detail = status.value;
  const issuedAtCa = ISSUED_AT_CA.includes(detail.status);
  let collection: CaCall<Collection> | null = null;
  if (issuedAtCa) collection = await source.collect(orderNumber, product.code);

  const at = now();
  const events: EventRow[] = [];
  const previousChecklist = storedChecklist(row.checklist);
  const snapshot: TrackingSnapshot = {
    steps: post.kind === "ok" ? post.value.steps : {},
    uploadUrl: post.kind === "ok" ? post.value.uploadDocumentUrl : (row.uploadUrl ?? undefined),
    domains:
      domains?.kind === "ok"
        ? domains.value.map((d): DomainSnapshot => ({
            domainName: d.domainName,
            method: d.method,
            status: d.status,
          }))
        : ((row.domains as unknown as DomainSnapshot[] | null) ?? undefined),
    naturalPerson: product.person === "natural",
    shipsToken,
    trackingNumber: detail.shipping?.trackingId ?? row.trackingNumber ?? undefined,
    issued: false,
  };

  // The certificate, verified, when Sectigo has it ready.
  let verified: Awaited<ReturnType<typeof verifyCollected>> | null = null;
  let collectProblem: string | null = null;
  if (collection?.kind === "ok" && collection.value.state === "issued") {
    verified = await verifyCollected(collection.value, {
      csrPem: !shipsToken && typeof input.csr === "string" ? input.csr : undefined,
      commonName: row.commonName ?? undefined,
      organizationName: product.person === "legal" ? (row.organizationName ?? undefined) : undefined,
      trustedRoots: settings.trustedRoots,
    });
    if (!verified.ok)
      collectProblem = `The certificate did not pass the portal's checks: ${verified.problem}`;
    else snapshot.issued = true;
  } else if (collection && collection.kind !== "ok") {
    collectProblem = callProblem(collection, "Collecting the certificate");
  }

  const checklist = buildChecklist(previousChecklist, snapshot, at);
  const statusChanged = row.caStatus !== detail.status;
  if (statusChanged) {
    const words = caStatusWords(detail.status).words;
    events.push({
      kind: "status_changed",
      summary: row.caStatus ? `Sectigo: ${words}` : `Sectigo: ${words} (first status check)`,
      data: { from: row.caStatus, to: detail.status, statusText: detail.statusText },
    });
  }
  for (const item of checklistChanges(previousChecklist, checklist))
    events.push({
      kind: "checklist_changed",
      summary: `${item.label}: ${STATE_WORDS[item.state]}`,
      data: { key: item.key, state: item.state },
    });
  if (collectProblem) events.push({ kind: "collect_failed", summary: collectProblem });

  let newStatus: OrderStatus = "PLACED";
  if (verified?.ok) newStatus = "ISSUED";
  else if (
    ENDED_STATUSES.includes(detail.status) ||
    (collection?.kind === "ok" && collection.value.state === "rejected")
  )
    newStatus = row.revocationRequestedAt ? "CANCELLED" : "CA_REJECTED";
  const changed = events.some((e) => e.kind !== "collect_failed") || newStatus !== "PLACED";
  const interval = collectProblem
    ? failureWait(settings, row.checkFailures)
    : nextInterval(settings, row.intervalSeconds, changed);
  const final = newStatus !== "PLACED";

  const written = await prisma.$transaction(async (tx) => {
    const updated = await tx.orderTracking.updateMany({
      where: { orderId, leaseUntil: lease.leaseUntil },
      data: {
        caStatus: detail.status,
        caStatusText: detail.statusText,
        checklist: checklist as unknown as Prisma.InputJsonValue,
        domains: (snapshot.domains ?? []) as unknown as Prisma.InputJsonValue,
        uploadUrl: snapshot.uploadUrl ?? null,
        uploadToken: post.kind === "ok" ? (post.value.uploadDocumentToken ?? null) : undefined,
        trackingNumber: snapshot.trackingNumber ?? null,
        leaseUntil: null,
        lastCheckedAt: at,
        lastChangeAt: changed ? at : undefined,
        intervalSeconds: interval,
        nextCheckAt: final ? null : new Date(at.getTime() + interval * 1000),
        checkFailures: collectProblem ? { increment: 1 } : 0,
        lastError: collectProblem,
        // A cancellation whose answer was lost, confirmed now: the refund is support's to ask for.
        refundState: newStatus === "CANCELLED" && !row.test ? REFUND_TO_CONFIRM : undefined,
      },
    });
    if (updated.count !== 1) return false;
    if (verified?.ok) {
      const c = verified.certificate;
      await tx.certificate.create({
        data: {
          orderId,
          certificatePem: c.certificatePem,
          chainPem: c.chainPem,
          serialNumber: c.serialNumber,
          subject: c.subject,
          issuer: c.issuer,
          notBefore: c.notBefore,
          notAfter: c.notAfter,
          sha256: c.sha256,
        },
      });
      events.push({
        kind: "issued",
        summary: `Certificate issued and collected (serial ${c.serialNumber}, valid until ${c.notAfter.toISOString().slice(0, 10)})`,
        data: { serialNumber: c.serialNumber, notAfter: c.notAfter.toISOString() },
      });
      await recordProfileValidation(tx, orderId, at);
    } else if (newStatus === "CA_REJECTED") {
      events.push({ kind: "rejected", summary: "Sectigo rejected the order during validation." });
    } else if (newStatus === "CANCELLED") {
      events.push({ kind: "cancelled", summary: "Sectigo confirmed the cancellation." });
    }
    if (final) await transition(tx, orderId, newStatus, {}, { from: ["PLACED"] });
    if (events.length)
      await tx.orderEvent.createMany({
        data: events.map((e) => ({
          orderId,
          at,
          kind: e.kind,
          summary: e.summary,
          data: e.data,
          requestId: currentRequestId() ?? null,
        })),
      });
    return true;
  });
  if (!written) return { kind: "lease-lost" };
  if (events.length === 0) return { kind: "unchanged" };
  return { kind: "changed", events: events.length, status: newStatus };
}

async function release(
  prisma: PrismaClient,
  lease: Lease,
  data: Prisma.OrderTrackingUncheckedUpdateManyInput,
): Promise<void> {
  await prisma.orderTracking.updateMany({
    where: { orderId: lease.orderId, leaseUntil: lease.leaseUntil },
    data: { ...data, leaseUntil: null },
  });
}

async function failed(
  prisma: PrismaClient,
  lease: Lease,
  settings: TrackingSettings,
  row: TrackedRow,
  message: string,
  at: Date,
): Promise<CheckOutcome> {
  const wait = failureWait(settings, row.checkFailures);
  await release(prisma, lease, {
    nextCheckAt: new Date(at.getTime() + wait * 1000),
    checkFailures: { increment: 1 },
    lastError: message,
    lastCheckedAt: at,
  });
  logger.warn(
    { orderId: lease.orderId, failures: row.checkFailures + 1, message },
    "order status check failed",
  );
  return { kind: "failed", message };
}
