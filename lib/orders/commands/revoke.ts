import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { transition } from "@/lib/orders/lifecycle/store";
import { visibleOrders } from "@/lib/orders/queries/access";
import { CANCELLABLE_AT_CA, REVOCABLE_AT_CA } from "@/lib/orders/model/transitions";
import {
  REVOCATION_REASON_CODES,
  REVOKE_ERRORS,
  type RevocationReasonCode,
} from "@/lib/sectigo/after-ordering";
import type { CaCall, RevocationRequest } from "@/lib/sectigo/after-ordering-types";

// Cancelling a placed order and revoking an issued certificate are one call at Sectigo
// (!autoRevokeCertificate: on an order not yet issued it rejects the order). The request is
// claimed in the database before the call (a second click, a second tab or a second agent finds
// it claimed), so the call is made once. Sectigo's answer decides the order's state; when the
// answer is lost the claim stays and the status job (or support) finds out what Sectigo did.

export interface RevokeSource {
  revoke(orderNumber: string, reason: RevocationRequest, opts: { test: boolean }): Promise<CaCall<void>>;
}

export const revokeInputSchema = z.object({
  orderId: z.string().min(1).max(64),
  reasonCode: z.coerce
    .number()
    .int()
    .refine((v): v is RevocationReasonCode => (REVOCATION_REASON_CODES as readonly number[]).includes(v), {
      message: "Choose a reason from the list.",
    }),
  reasonText: z.string().trim().max(1024, "At most 1,024 characters.").default(""),
  confirm: z.literal("yes", { message: "Confirm that you understand what this does." }),
});
export type RevokeInput = z.output<typeof revokeInputSchema>;

export type RevokeResult =
  { kind: "done"; status: "CANCELLED" | "REVOKED"; message: string } | { kind: "unknown"; message: string };

const ACTIONS = { PLACED: "cancel", ISSUED: "revoke" } as const;

export async function cancelOrRevoke(
  user: SessionUser,
  input: RevokeInput,
  source: RevokeSource,
  prisma?: PrismaClient,
): Promise<RevokeResult> {
  const client = prisma ?? (await db());
  const order = await client.order.findFirst({
    where: visibleOrders(user, { id: input.orderId }),
    select: { id: true, status: true, sectigoOrderNumber: true, test: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist or is not yours.");
  const allowed = [...CANCELLABLE_AT_CA, ...REVOCABLE_AT_CA] as string[];
  if (!allowed.includes(order.status) || !order.sectigoOrderNumber)
    throw new Refusal(
      "not_allowed",
      "Only an order placed at Sectigo can be cancelled, and only an issued certificate revoked.",
    );
  const kind = ACTIONS[order.status as keyof typeof ACTIONS];
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
  if (claimed.count !== 1)
    throw new Refusal(
      "conflict",
      kind === "cancel"
        ? "A cancellation of this order was already requested; the order page shows its outcome."
        : "A revocation of this certificate was already requested; the order page shows its outcome.",
    );
  await recordAudit(client, {
    actorId: user.id,
    action: kind === "cancel" ? "order.cancel_requested" : "order.revoke_requested",
    orderId: order.id,
    reason: input.reasonText || null,
    details: { reasonCode: input.reasonCode },
  });
  await client.orderEvent.create({
    data: {
      orderId: order.id,
      kind: kind === "cancel" ? "cancel_requested" : "revoke_requested",
      summary: kind === "cancel" ? "Cancellation sent to Sectigo" : "Revocation sent to Sectigo",
      actorId: user.id,
    },
  });

  const answer = await source.revoke(
    order.sectigoOrderNumber,
    {
      code: input.reasonCode,
      text: input.reasonText || (kind === "cancel" ? "Cancelled by the customer" : ""),
    },
    { test: order.test },
  );
  const already =
    answer.kind === "ca-error" &&
    (answer.code === REVOKE_ERRORS.alreadyRejected.code || answer.code === REVOKE_ERRORS.alreadyRevoked.code);

  if (answer.kind === "ok" || already) {
    const status = kind === "cancel" ? "CANCELLED" : "REVOKED";
    await client.$transaction(async (tx) => {
      await tx.orderTracking.update({
        where: { orderId: order.id },
        data: { revocationOutcome: "done", nextCheckAt: null },
      });
      await transition(tx, order.id, status, {}, { from: [order.status] });
      await tx.orderEvent.create({
        data: {
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
