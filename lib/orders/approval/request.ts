import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { queueMail } from "@/lib/mail/outbox";
import { rolesFor } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";
import { transition, type ClaimedOrderColumns } from "@/lib/orders/lifecycle/store";
import { recordApprovalStep } from "@/lib/orders/approval/events";
import { getProduct } from "@/lib/sectigo/products";

/**
 * Whether a submission waits for an approver: a legal-person product (a seal, a QWAC for a
 * company: ordered in the company's name) in an organization that requires approval. Personal
 * organizations never do (a database CHECK keeps their approvalRequired false).
 */
export function needsApproval(organizationRequiresApproval: boolean, productCode: number): boolean {
  return organizationRequiresApproval && getProduct(productCode)?.person === "legal";
}

/** An order's facts as every order mail shows them. */
export function mailFacts(order: {
  id: string;
  externalOrderNumber: string;
  commonName: string | null;
  organizationName: string | null;
  test: boolean;
}) {
  return {
    orderId: order.id,
    orderNumber: order.externalOrderNumber,
    label: order.commonName ?? order.organizationName ?? "",
    test: order.test,
  };
}

/**
 * Stores the validated submission and moves the order to AWAITING_APPROVAL at the version the
 * requester's window saw, in one transaction with its timeline entry, audit record and the mail
 * to each approver. Nothing goes to the CA. A lost race throws TransitionRefused.
 */
export async function holdForApproval(
  prisma: PrismaClient,
  request: {
    orderId: string;
    from: readonly OrderStatus[];
    expectedVersion: number;
    requester: SessionUser;
    store: ClaimedOrderColumns;
    onHold?: (tx: Prisma.TransactionClient) => Promise<void>;
  },
): Promise<void> {
  // The quote the requester saw is stored now: it is the price the approver approves.
  const { quote, ...columns } = request.store;
  await prisma.$transaction(async (tx) => {
    await transition(
      tx,
      request.orderId,
      "AWAITING_APPROVAL",
      { ...columns, ...quote, submittedAt: new Date() },
      { from: request.from, expectedVersion: request.expectedVersion },
    );
    if (request.onHold) await request.onHold(tx);
    const order = await tx.order.findUniqueOrThrow({
      where: { id: request.orderId },
      select: {
        id: true,
        ownerId: true,
        externalOrderNumber: true,
        commonName: true,
        organizationName: true,
        test: true,
        version: true,
        organization: {
          select: {
            name: true,
            selfApprovalAllowed: true,
            members: {
              where: { roles: { hasSome: rolesFor("approve") }, user: { disabled: false } },
              select: { user: { select: { id: true, email: true } } },
            },
          },
        },
      },
    });
    await recordApprovalStep(tx, "requested", {
      orderId: order.id,
      actorId: request.requester.id,
      summary: `Submitted for approval by ${request.requester.name}`,
      version: order.version,
    });
    // The requester is told nothing new; approvers who may decide are asked.
    const org = order.organization;
    for (const { user } of org.members) {
      if (user.id === order.ownerId && !org.selfApprovalAllowed) continue;
      await queueMail(tx, {
        to: user.email,
        userId: user.id,
        template: "approval-requested",
        dedupeKey: `approval-requested:${order.id}:${order.version}:${user.id}`,
        data: { ...mailFacts(order), requesterName: request.requester.name, organizationName: org.name },
      });
    }
  });
}
