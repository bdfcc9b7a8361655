import "server-only";
import { db } from "@/lib/db";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { queueMail } from "@/lib/mail/outbox";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { AWAITING_APPROVER } from "@/lib/orders/model/transitions";
import { memberCan, ownOrders } from "@/lib/orders/queries/access";
import { rolesFor } from "@/lib/organizations/permissions";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { TransitionRefused, transition } from "@/lib/orders/lifecycle/store";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import { CompromisedKeyRefused } from "@/lib/orders/lifecycle/compromised-keys";
import { recordApprovalStep } from "@/lib/orders/approval/events";
import { mailFacts } from "@/lib/orders/approval/request";
import type { ApproveInput, RejectInput } from "@/lib/orders/approval/schemas";
import type { SubmitResult } from "@/lib/orders/commands/submit";

// The approver's decision. Approving is the normal send (lib/orders/lifecycle/send.ts) from
// AWAITING_APPROVAL at the version the approver saw: the claim is one conditional UPDATE, so of
// a double click, two approvers, or an approval racing a rejection or a withdrawal, exactly one
// moves the order and the others are told it was already decided. Nothing else reaches the CA.

const NOT_FOUND = "This order does not exist, or you cannot approve it.";
export const ALREADY_DECIDED =
  "This order was already decided (approved, rejected or withdrawn) or changed since you opened it. Reload to see its state.";
const SELF_APPROVAL =
  "You requested this order yourself: another approver of the organization must approve it.";

/**
 * The order as an approver may decide it: in an organization where the user holds a role
 * granting "approve". Staff are not members, so support and admins can never approve.
 */
async function orderToDecide(prisma: PrismaClient, user: SessionUser, orderId: string) {
  return prisma.order.findFirst({
    where: { AND: [{ id: orderId }, memberCan(user, "approve")] },
    select: {
      id: true,
      status: true,
      version: true,
      ownerId: true,
      input: true,
      externalOrderNumber: true,
      commonName: true,
      organizationName: true,
      test: true,
      serverSoftware: true,
      organizationId: true,
      owner: { select: { email: true } },
      organization: { select: { selfApprovalAllowed: true } },
    },
  });
}

/**
 * Checked again inside the decision's transaction: a member removed (or no longer an approver)
 * between the page's read and the claim decides nothing, and nothing is sent.
 */
async function stillApprover(tx: Prisma.TransactionClient, user: SessionUser, organizationId: string) {
  const member = await tx.membership.findFirst({
    where: { organizationId, userId: user.id, roles: { hasSome: rolesFor("approve") } },
    select: { userId: true },
  });
  if (!member) throw new Refusal("not_found", NOT_FOUND);
}

async function decidable(prisma: PrismaClient, user: SessionUser, input: ApproveInput) {
  const order = await orderToDecide(prisma, user, input.orderId);
  if (!order) throw new Refusal("not_found", NOT_FOUND);
  if (order.status !== "AWAITING_APPROVAL" || order.version !== input.version)
    throw new Refusal("conflict", ALREADY_DECIDED);
  return order;
}

/** Approves an order awaiting approval and sends it to Sectigo with every rule of a send. */
export async function approveOrder(user: SessionUser, input: ApproveInput): Promise<SubmitResult> {
  const prisma = await db();
  const order = await decidable(prisma, user, input);
  if (order.ownerId === user.id && !order.organization.selfApprovalAllowed)
    throw new Refusal("forbidden", SELF_APPROVAL);
  // Validated when it was submitted and frozen since; checked again because the rules (or a
  // compromised-key list) may have changed while it waited.
  const validated = await validateOrderInput(order.input as DraftInput);
  if (!validated.ok)
    throw new Refusal(
      "invalid",
      "This order no longer passes the portal's checks. Reject it with the reason so the requester can correct it.",
    );
  // The moment of the decision: the approval precedes the send attempt it causes on the timeline.
  const decidedAt = new Date();
  try {
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: AWAITING_APPROVER,
      trigger: "CUSTOMER",
      triggeredById: user.id,
      expectedVersion: order.version,
      stored: {
        input: validated.input,
        externalOrderNumber: order.externalOrderNumber,
        test: order.test,
        serverSoftware: order.serverSoftware,
      },
      refuseKey: validated.csrKey,
      onClaim: async (tx) => {
        await stillApprover(tx, user, order.organizationId);
        await recordApprovalStep(tx, "approved", {
          orderId: order.id,
          actorId: user.id,
          summary: `Approved by ${user.name} and sent to Sectigo`,
          version: order.version,
          at: decidedAt,
        });
        await queueMail(tx, {
          to: order.owner.email,
          userId: order.ownerId,
          template: "approval-approved",
          dedupeKey: `approval-approved:${order.id}:${order.version}`,
          data: { ...mailFacts(order), approverName: user.name },
        });
      },
    });
    return { orderId: order.id, status: sent.status };
  } catch (error) {
    if (error instanceof TransitionRefused) throw new Refusal("conflict", ALREADY_DECIDED);
    if (error instanceof CompromisedKeyRefused) throw new Refusal("invalid", error.message);
    throw error;
  }
}

/** Rejects an order awaiting approval: back to the requester's draft, with the reason. */
export async function rejectOrder(user: SessionUser, input: RejectInput): Promise<void> {
  const prisma = await db();
  const order = await decidable(prisma, user, input);
  await decide(prisma, async (tx) => {
    await stillApprover(tx, user, order.organizationId);
    await transition(tx, order.id, "DRAFT", {}, { from: AWAITING_APPROVER, expectedVersion: order.version });
    await recordApprovalStep(tx, "rejected", {
      orderId: order.id,
      actorId: user.id,
      summary: `Rejected by ${user.name}: ${input.reason}`,
      reason: input.reason,
      version: order.version,
    });
    await queueMail(tx, {
      to: order.owner.email,
      userId: order.ownerId,
      template: "approval-rejected",
      dedupeKey: `approval-rejected:${order.id}:${order.version}`,
      data: { ...mailFacts(order), approverName: user.name, reason: input.reason },
    });
  });
}

/** The requester takes back an order awaiting approval, to edit it (a new approval follows). */
export async function withdrawOrder(user: SessionUser, input: { orderId: string; version?: number }) {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    // Their own order, while they may still request in its organization.
    where: ownOrders(user, { id: input.orderId }),
    select: { id: true, status: true, version: true },
  });
  if (!order) throw new Refusal("not_found", "This order does not exist, or you cannot change it.");
  const version = input.version ?? order.version;
  if (order.status !== "AWAITING_APPROVAL" || order.version !== version)
    throw new Refusal("conflict", ALREADY_DECIDED);
  await decide(prisma, async (tx) => {
    await transition(tx, order.id, "DRAFT", {}, { from: AWAITING_APPROVER, expectedVersion: version });
    await recordApprovalStep(tx, "withdrawn", {
      orderId: order.id,
      actorId: user.id,
      summary: `Withdrawn from approval by ${user.name}`,
      version,
    });
  });
}

async function decide(prisma: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<void>) {
  try {
    await prisma.$transaction(work);
  } catch (error) {
    if (error instanceof TransitionRefused) throw new Refusal("conflict", ALREADY_DECIDED);
    throw error;
  }
}
