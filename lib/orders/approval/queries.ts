import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/users/data";
import { rolesFor } from "@/lib/organizations/permissions";
import { memberCan } from "@/lib/orders/queries/access";
import { sendParams } from "@/lib/orders/lifecycle/send";
import { keyForWire, PARAMS } from "@/lib/sectigo/registry";
import type { ParamDef } from "@/lib/sectigo/param-types";
import { orderInputSchema } from "@/lib/sectigo/schema";
import { getProduct } from "@/lib/sectigo/products";
import { APPROVAL_STEPS } from "@/lib/orders/approval/events";
import { ORDER_QUOTE, storedQuote } from "@/lib/prices/order-quote";

/** Whether the user approves for some organization other than their personal one (the nav link). */
export async function isApproverOfAnyOrganization(user: SessionUser): Promise<boolean> {
  const prisma = await db();
  const membership = await prisma.membership.findFirst({
    where: { userId: user.id, roles: { hasSome: rolesFor("approve") }, organization: { personal: false } },
    select: { userId: true },
  });
  return membership !== null;
}

/** Orders waiting for this user's decision: in organizations where they approve, oldest first. */
export async function listAwaitingApproval(user: SessionUser) {
  const prisma = await db();
  const orders = await prisma.order.findMany({
    where: { AND: [{ status: "AWAITING_APPROVAL" }, memberCan(user, "approve")] },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      externalOrderNumber: true,
      productCode: true,
      commonName: true,
      organizationName: true,
      submittedAt: true,
      test: true,
      ownerId: true,
      owner: { select: { name: true, email: true } },
      organization: { select: { name: true, selfApprovalAllowed: true } },
    },
  });
  return orders.map(({ ownerId, organization, productCode, ...order }) => ({
    ...order,
    product: getProduct(productCode)?.name ?? "—",
    organization: organization.name,
    mayApprove: ownerId !== user.id || organization.selfApprovalAllowed,
  }));
}

/**
 * One sent parameter in the approver's words: the form's label for its name, and the meaning of
 * its value where the registry knows one (a product's name, a value list's label, yes or no),
 * beside the exact name and value that go on the wire.
 */
export function describeParam(name: string, value: string) {
  const key = keyForWire(name);
  const def: ParamDef | undefined = key ? PARAMS[key] : undefined;
  const listed = def?.values?.find((v) => v.value === value)?.label;
  const flag = def?.kind === "flag" ? ({ Y: "Yes", N: "No" } as Record<string, string>)[value] : undefined;
  const meaning = listed ?? flag;
  return { name, value, label: def?.label ?? name, meaning: meaning && meaning !== value ? meaning : null };
}

// The reseller's credentials are never shown, not even redacted.
const HIDDEN = new Set<string>([PARAMS.loginName.wire, PARAMS.loginPassword.wire]);

/**
 * One order as its approver sees it: the parameters exactly as the send would post them to
 * Sectigo (built by the send's own function from the stored, frozen input), the requester and
 * the approval steps so far. Null when it does not exist or the user does not approve for it.
 */
export async function getApprovalView(user: SessionUser, orderId: string) {
  const prisma = await db();
  const order = await prisma.order.findFirst({
    where: { AND: [{ id: orderId }, memberCan(user, "approve")] },
    select: {
      id: true,
      status: true,
      version: true,
      externalOrderNumber: true,
      productCode: true,
      test: true,
      serverSoftware: true,
      input: true,
      submittedAt: true,
      ownerId: true,
      owner: { select: { name: true, email: true } },
      organization: { select: { name: true, selfApprovalAllowed: true } },
      ...ORDER_QUOTE,
      events: {
        where: { kind: { in: Object.values(APPROVAL_STEPS).map((s) => s.kind) } },
        orderBy: [{ at: "asc" }, { id: "asc" }],
        select: { id: true, at: true, summary: true },
      },
    },
  });
  if (!order) return null;
  const parsed = orderInputSchema.safeParse(order.input);
  const params =
    order.status === "AWAITING_APPROVAL" && parsed.success
      ? [...sendParams({ ...order, input: parsed.data }, "").entries()]
          .filter(([name]) => !HIDDEN.has(name))
          .map(([name, value]) => describeParam(name, value))
      : null;
  const { input: _input, serverSoftware: _software, ownerId, organization, ...rest } = order;
  return {
    ...rest,
    product: getProduct(order.productCode)?.name ?? "—",
    organization: organization.name,
    // What the company is charged, as quoted when the requester submitted it.
    quote: storedQuote(order),
    requestedBySelf: ownerId === user.id,
    mayApprove: ownerId !== user.id || organization.selfApprovalAllowed,
    params,
  };
}
