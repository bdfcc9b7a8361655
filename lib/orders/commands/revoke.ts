import "server-only";
import { currentRequestId } from "@/lib/observability/request-context.mjs";
import type { z } from "zod";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { transition } from "@/lib/orders/lifecycle/store";
import { ISSUED_AT_CA, markDue } from "@/lib/orders/lifecycle/track";
import { ordersUserCan } from "@/lib/orders/queries/access";
import { CANCELLABLE_AT_CA, REVOCABLE_AT_CA } from "@/lib/orders/model/transitions";
import { REFUND_TO_CONFIRM } from "@/lib/orders/model/refund";
import { CHOOSE_REASON, type revokeInputSchema } from "@/lib/orders/model/revoke-schema";
import { isRevocationReasonFor, REVOKE_ERRORS, type RevocationAction } from "@/lib/sectigo/after-ordering";
import type { CaCall, DetailedStatus, RevocationRequest } from "@/lib/sectigo/after-ordering-types";
import { KEY_COMPROMISE, recordCompromisedKey } from "@/lib/orders/lifecycle/compromised-keys";
import { runForOrder } from "@/lib/observability/request-context.mjs";

// Cancelling a placed order and revoking an issued certificate are one call at Sectigo
// (!autoRevokeCertificate: on an order not yet issued it rejects the order, on an issued one it
// revokes the certificate). So the action the customer confirmed travels with the request and
// must still fit the order: a cancellation confirmed on a page loaded before the certificate was
// issued is refused, never turned into a revocation. The request is claimed in the database
// before the call (a second click, a second tab or a second agent finds it claimed), so the call
// is made once. Sectigo's answer decides the order's state; when the answer is lost the claim
// stays and the status job (or support) finds out what Sectigo did.

export interface RevokeSource {
  revoke(orderNumber: string, reason: RevocationRequest, opts: { test: boolean }): Promise<CaCall<void>>;
  getDetailedStatus(orderNumber: string): Promise<CaCall<DetailedStatus>>;
}

export type RevokeResult =
  { kind: "done"; status: "CANCELLED" | "REVOKED"; message: string } | { kind: "unknown"; message: string };

/** The order states each confirmed action needs. */
const NEEDS: Record<RevocationAction, readonly string[]> = {
  cancel: CANCELLABLE_AT_CA,
  revoke: REVOCABLE_AT_CA,
};

export const ISSUED_MEANWHILE =
  "The certificate was issued in the meantime; nothing was sent. To stop it, revoke it below.";

/** Why the confirmed action no longer fits the order, in words; nothing was sent. */
function mismatch(action: RevocationAction, status: string): Refusal {
  if (action === "cancel" && status === "ISSUED") return new Refusal("conflict", ISSUED_MEANWHILE);
  if (action === "revoke" && status === "PLACED")
    return new Refusal(
      "conflict",
      "The certificate is not issued yet; nothing was sent. To stop the order, cancel it below.",
    );
  const ended: Record<string, string> = {
    CANCELLED: "This order was already cancelled; nothing was sent.",
    REVOKED: "This certificate was already revoked; nothing was sent.",
    CA_REJECTED: "Sectigo already rejected this order; nothing was sent.",
  };
  return new Refusal(
    ended[status] ? "conflict" : "not_allowed",
    ended[status] ??
      "Only an order placed at Sectigo can be cancelled, and only an issued certificate revoked.",
  );
}

/**
 * Before a cancellation: does Sectigo still have the order pending? The portal's status may be
 * minutes behind Sectigo's, and the same call would revoke a certificate issued in between.
 * (A window of one round trip remains between this answer and the call; Sectigo offers no
 * conditional cancel.)
 */
async function assertStillPending(
  client: PrismaClient,
  orderId: string,
  orderNumber: string,
  source: RevokeSource,
): Promise<void> {
  const status = await runForOrder(orderId, () => source.getDetailedStatus(orderNumber));
  if (status.kind !== "ok")
    throw new Refusal(
      "not_allowed",
      "Sectigo could not be asked whether the order is still pending, so nothing was sent. Try again in a few minutes.",
    );
  if (ISSUED_AT_CA.includes(status.value.status)) {
    await markDue(client, orderId);
    throw new Refusal("conflict", ISSUED_MEANWHILE);
  }
  if (status.value.status === "rejected" || status.value.status === "refunded") {
    await markDue(client, orderId);
    throw new Refusal(
      "conflict",
      "Sectigo has already ended this order; nothing was sent. This page shows it shortly.",
    );
  }
}

export async function cancelOrRevoke(
  user: SessionUser,
  input: z.output<typeof revokeInputSchema>,
  source: RevokeSource,
  prisma?: PrismaClient,
): Promise<RevokeResult> {
  const client = prisma ?? (await db());
  const kind = input.action;
  if (!isRevocationReasonFor(kind, input.reasonCode))
    throw new Refusal("invalid", CHOOSE_REASON, { reasonCode: [CHOOSE_REASON] });
  const order = await client.order.findFirst({
    where: ordersUserCan(user, "request", { id: input.orderId }),
    select: { id: true, status: true, sectigoOrderNumber: true, test: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist or is not yours.");
  if (!NEEDS[kind].includes(order.status) || !order.sectigoOrderNumber) throw mismatch(kind, order.status);
  if (kind === "cancel") await assertStillPending(client, order.id, order.sectigoOrderNumber, source);
  const now = new Date();

  // The claim: one conditional write; of two concurrent requests one finds it taken.
  const claimed = await client.orderTracking.updateMany({
    where: {
      orderId: order.id,
      revocationRequestedAt: null,
      order: { status: order.status },
    },
    data: {
      revocationRequestedAt: now,
      revocationById: user.id,
      revocationCode: input.reasonCode,
      revocationText: input.reasonText || null,
      revocationOutcome: "sent",
    },
  });
  if (claimed.count !== 1) {
    // Either the order moved on since it was read (the status job collected the certificate) or
    // someone else's request holds the claim: say which.
    const current = await client.order.findUnique({ where: { id: order.id }, select: { status: true } });
    if (current && current.status !== order.status) throw mismatch(kind, current.status);
    throw new Refusal(
      "conflict",
      kind === "cancel"
        ? "A cancellation of this order was already requested; the order page shows its outcome."
        : "A revocation of this certificate was already requested; the order page shows its outcome.",
    );
  }
  await recordAudit(client, {
    actorId: user.id,
    action: kind === "cancel" ? "order.cancel_requested" : "order.revoke_requested",
    orderId: order.id,
    reason: input.reasonText || null,
    details: { action: kind, reasonCode: input.reasonCode },
  });
  await client.orderEvent.create({
    data: {
      requestId: currentRequestId() ?? null,
      orderId: order.id,
      kind: kind === "cancel" ? "cancel_requested" : "revoke_requested",
      summary: kind === "cancel" ? "Cancellation sent to Sectigo" : "Revocation sent to Sectigo",
      actorId: user.id,
    },
  });

  const sectigoOrderNumber = order.sectigoOrderNumber;
  const reason = {
    code: input.reasonCode,
    text: input.reasonText || (kind === "cancel" ? "Cancelled by the customer" : ""),
  };
  const answer = await runForOrder(order.id, () =>
    source.revoke(sectigoOrderNumber, reason, { test: order.test }),
  );
  const already =
    answer.kind === "ca-error" &&
    (answer.code === REVOKE_ERRORS.alreadyRejected.code || answer.code === REVOKE_ERRORS.alreadyRevoked.code);

  if (answer.kind === "ok" || already) {
    const status = kind === "cancel" ? "CANCELLED" : "REVOKED";
    await client.$transaction(async (tx) => {
      await tx.orderTracking.update({
        where: { orderId: order.id },
        data: {
          revocationOutcome: "done",
          nextCheckAt: null,
          // Sectigo has no refund call for eIDAS orders: support asks (lib/orders/commands/record-refund.ts).
          refundState: kind === "cancel" && !order.test ? REFUND_TO_CONFIRM : undefined,
        },
      });
      await transition(tx, order.id, status, {}, { from: [order.status] });
      if (kind === "revoke" && input.reasonCode === KEY_COMPROMISE) {
        const certificate = await tx.certificate.findUnique({
          where: { orderId: order.id },
          select: { certificatePem: true },
        });
        if (certificate) await recordCompromisedKey(tx, order.id, certificate.certificatePem);
      }
      await tx.orderEvent.create({
        data: {
          requestId: currentRequestId() ?? null,
          orderId: order.id,
          kind: kind === "cancel" ? "cancelled" : "revoked",
          summary: kind === "cancel" ? "Sectigo cancelled the order." : "Sectigo revoked the certificate.",
          actorId: user.id,
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: kind === "cancel" ? "order.cancelled_at_ca" : "order.revoked",
        orderId: order.id,
      });
    });
    return {
      kind: "done",
      status,
      message: kind === "cancel" ? "Sectigo cancelled the order." : "Sectigo revoked the certificate.",
    };
  }

  if (answer.kind === "ca-error") {
    // Sectigo refused: nothing changed there, so the request may be made again.
    await client.orderTracking.update({
      where: { orderId: order.id },
      data: {
        revocationRequestedAt: null,
        revocationOutcome: `failed: ${answer.code}`,
      },
    });
    await client.orderEvent.create({
      data: {
        requestId: currentRequestId() ?? null,
        orderId: order.id,
        kind: "revoke_refused",
        summary: `Sectigo refused the ${kind === "cancel" ? "cancellation" : "revocation"}: ${answer.message}`,
      },
    });
    const message =
      answer.code === REVOKE_ERRORS.expired.code
        ? "The certificate has expired; Sectigo does not revoke expired certificates."
        : `Sectigo refused: ${answer.message} (code ${answer.code}). Nothing was changed.`;
    throw new Refusal("not_allowed", message);
  }

  // No answer: Sectigo may or may not have acted. The claim stays (no second call from here).
  await client.orderTracking.update({
    where: { orderId: order.id },
    data: { revocationOutcome: "unknown", nextCheckAt: kind === "cancel" ? new Date() : undefined },
  });
  logger.warn({ orderId: order.id, kind, reason: answer.reason }, "revocation answer lost");
  return {
    kind: "unknown",
    message:
      "Sectigo did not answer in time. The request is not sent again; the portal checks with Sectigo whether it was carried out, and support is told.",
  };
}
