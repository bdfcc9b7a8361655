import "server-only";
import { db } from "@/lib/db";
import { Refusal } from "@/lib/refusal";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/users/data";
import { newExternalOrderNumber } from "@/lib/orders/model/external-number";
import { EDITABLE_BY_CUSTOMER } from "@/lib/orders/model/transitions";
import { ownOrders, visibleOrders, isStaff } from "@/lib/orders/queries/access";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { rolesFor } from "@/lib/organizations/permissions";
import { prefillFromProfile } from "@/lib/organizations/profile-orders";

/** The order exists and is the user's, but it was sent meanwhile (another window, a double click). */
export class OrderAlreadySent extends Refusal {
  constructor() {
    super(
      "not_allowed",
      "This order has already been sent to Sectigo (perhaps from another window). Open it to see its state.",
    );
    this.name = "OrderAlreadySent";
  }
}

/** The order was written since this window loaded it (another tab saved or sent it). */
export class OrderChanged extends Refusal {
  constructor() {
    super(
      "conflict",
      "This order was changed in another window since you opened it. Reload the page to see its latest state; nothing was saved here.",
    );
    this.name = "OrderChanged";
  }
}

/** Support opened a customer's draft: it is the customer's until they send it. */
export class DraftBelongsToCustomer extends Refusal {
  constructor() {
    super(
      "not_allowed",
      "This draft belongs to the customer, who may still be filling it in; support cannot change it. An order the customer sent and Sectigo rejected can be corrected.",
    );
    this.name = "DraftBelongsToCustomer";
  }
}

/** No such order, or one this user may not change (the same answer, so ids cannot be probed). */
export class OrderNotFound extends Refusal {
  constructor() {
    super("not_found", "This order does not exist, or you cannot change it.");
    this.name = "OrderNotFound";
  }
}

function searchable(input: DraftInput) {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
  // The listing columns are INTEGER; a draft may hold any number typed so far (1.5, 1e20).
  const int = (v: unknown) =>
    typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? v : null;
  const domains = Array.isArray(input.domainNames) ? input.domainNames : [];
  return {
    productCode: int(input.product),
    days: int(input.days),
    organizationName: text(input.organizationName),
    commonName: text(input.primaryDomainName) ?? text(domains[0]),
  };
}

/**
 * Creates a draft written by the user, with a fresh external order number, for their personal
 * organization or one in which they may request orders; a company's draft starts with the
 * organization fields of its company profile (lib/organizations/profile-orders.ts).
 */
export async function createDraft(
  user: SessionUser,
  input: DraftInput,
  step: string,
  test: boolean,
  options: {
    /** The order this draft renews (lib/orders/commands/renew.ts). */
    renewalOfId?: string;
    /** Whose order it is; the user's personal organization when absent. */
    organizationId?: string;
  } = {},
) {
  const prisma = await db();
  const organizationId = options.organizationId ?? user.id;
  if (organizationId !== user.id) {
    const member = await prisma.membership.findFirst({
      where: { organizationId, userId: user.id, roles: { hasSome: rolesFor("request") } },
      select: { userId: true },
    });
    if (!member) throw new Refusal("forbidden", "You cannot order for this organization.");
  }
  const filled = organizationId === user.id ? input : await prefillFromProfile(prisma, organizationId, input);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await prisma.order.create({
        data: {
          ownerId: user.id,
          organizationId,
          externalOrderNumber: newExternalOrderNumber(),
          input: filled as Prisma.InputJsonValue,
          currentStep: step,
          test,
          renewalOfId: options.renewalOfId ?? null,
          ...searchable(filled),
        },
        select: { id: true, externalOrderNumber: true, version: true },
      });
    } catch (error) {
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= 4) throw error;
    }
  }
}

/**
 * Orders this user may write in the wizard: their own drafts and rejected orders; support staff
 * also a customer's rejected order (edit and resubmit), never a customer's draft, which its
 * owner may be typing into (and whose "finished" step must stay the customer's own word).
 */
function writableBy(user: SessionUser): Prisma.OrderWhereInput {
  return isStaff(user) ? { OR: [{ ownerId: user.id }, { status: "REJECTED" }] } : ownOrders(user);
}

/**
 * Saves wizard progress, only while the order is editable and still at the version the window
 * saw; the write bumps the version, so a submission that stored the order meanwhile (or a save
 * from another tab) makes this save refused instead of overwriting what was sent.
 */
export async function saveDraft(
  user: SessionUser,
  orderId: string,
  version: number,
  input: DraftInput,
  step: string,
  test: boolean,
) {
  const prisma = await db();
  const result = await prisma.order.updateMany({
    where: {
      AND: [writableBy(user), { id: orderId, version, status: { in: [...EDITABLE_BY_CUSTOMER] } }],
    },
    data: {
      input: input as Prisma.InputJsonValue,
      currentStep: step,
      test,
      ...searchable(input),
      version: { increment: 1 },
    },
  });
  if (result.count !== 1) {
    const scope = isStaff(user) ? visibleOrders(user) : ownOrders(user);
    const order = await prisma.order.findFirst({
      where: { AND: [scope, { id: orderId }] },
      select: { status: true, version: true, ownerId: true },
    });
    if (!order) throw new OrderNotFound();
    if (!EDITABLE_BY_CUSTOMER.includes(order.status)) throw new OrderAlreadySent();
    if (order.status === "DRAFT" && order.ownerId !== user.id) throw new DraftBelongsToCustomer();
    throw new OrderChanged();
  }
  const saved = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, externalOrderNumber: true },
  });
  return { ...saved, version: version + 1 };
}

/** Deletes the user's own draft; orders that were ever sent are never deleted. */
export async function deleteDraft(user: SessionUser, orderId: string): Promise<void> {
  const prisma = await db();
  const result = await prisma.order.deleteMany({ where: ownOrders(user, { id: orderId, status: "DRAFT" }) });
  if (result.count !== 1) throw new OrderNotFound();
}

/** An order the user may open in the wizard, with what the wizard needs to resume it. */
export async function getEditableOrder(user: SessionUser, orderId: string) {
  const prisma = await db();
  const scope = isStaff(user) ? visibleOrders(user) : ownOrders(user);
  return prisma.order.findFirst({
    where: { AND: [scope, { id: orderId, status: { in: [...EDITABLE_BY_CUSTOMER] } }] },
    select: {
      id: true,
      externalOrderNumber: true,
      status: true,
      version: true,
      input: true,
      currentStep: true,
      test: true,
      failureMessage: true,
      failureField: true,
      ownerId: true,
      organizationId: true,
    },
  });
}
