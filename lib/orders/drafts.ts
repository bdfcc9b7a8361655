import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/users/data";
import { newExternalOrderNumber } from "@/lib/orders/external-number";
import { EDITABLE_BY_CUSTOMER } from "@/lib/orders/transitions";
import { ownOrders, visibleOrders, isStaff } from "@/lib/orders/access";
import type { DraftInput } from "@/lib/orders/draft-input";

/** The order exists and is the user's, but it was sent meanwhile (another window, a double click). */
export class OrderAlreadySent extends Error {
  constructor() {
    super(
      "This order has already been sent to Sectigo (perhaps from another window). Open it to see its state.",
    );
    this.name = "OrderAlreadySent";
  }
}

export class OrderNotFound extends Error {
  constructor() {
    super("This order does not exist, or you cannot change it.");
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

/** Creates a draft owned by the user, with a fresh external order number. */
export async function createDraft(user: SessionUser, input: DraftInput, step: string, test: boolean) {
  const prisma = await db();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await prisma.order.create({
        data: {
          ownerId: user.id,
          externalOrderNumber: newExternalOrderNumber(),
          input: input as Prisma.InputJsonValue,
          currentStep: step,
          test,
          ...searchable(input),
        },
        select: { id: true, externalOrderNumber: true },
      });
    } catch (error) {
      const collision = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!collision || attempt >= 4) throw error;
    }
  }
}

/**
 * Saves wizard progress. Customers change only their own drafts or rejected orders; support
 * staff (edit and resubmit) may change any order that is editable.
 */
export async function saveDraft(
  user: SessionUser,
  orderId: string,
  input: DraftInput,
  step: string,
  test: boolean,
) {
  const prisma = await db();
  const scope = isStaff(user) ? visibleOrders(user) : ownOrders(user);
  const result = await prisma.order.updateMany({
    where: { AND: [scope, { id: orderId, status: { in: [...EDITABLE_BY_CUSTOMER] } }] },
    data: { input: input as Prisma.InputJsonValue, currentStep: step, test, ...searchable(input) },
  });
  if (result.count !== 1) {
    const exists = await prisma.order.count({ where: { AND: [scope, { id: orderId }] } });
    throw exists ? new OrderAlreadySent() : new OrderNotFound();
  }
  return prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, externalOrderNumber: true },
  });
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
      input: true,
      currentStep: true,
      test: true,
      failureMessage: true,
      failureField: true,
      ownerId: true,
    },
  });
}
