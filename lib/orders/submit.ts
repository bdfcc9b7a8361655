import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { inspectCsr } from "@/lib/csr";
import { fieldErrorsOf, type FieldErrors } from "@/lib/field-errors";
import { getProduct } from "@/lib/sectigo/products";
import { productShipsToken } from "@/lib/sectigo/rules";
import { orderInputSchema, type OrderInput } from "@/lib/sectigo/schema";
import type { SessionUser } from "@/lib/users/data";
import { isStaff, ownOrders, visibleOrders } from "@/lib/orders/access";
import type { DraftInput } from "@/lib/orders/draft-input";
import { OrderNotFound } from "@/lib/orders/drafts";
import { withoutForbidden } from "@/lib/orders/input";
import { sendOrder } from "@/lib/orders/send";
import { TransitionRefused } from "@/lib/orders/store";
import { EDITABLE_BY_CUSTOMER } from "@/lib/orders/transitions";
import { recordAudit } from "@/lib/audit/record";
import { inputChanges } from "@/lib/orders/input-diff";

/** The audit reason of a support edit when the wizard gives none. */
export const DEFAULT_EDIT_REASON = "Edited and resubmitted by support";

export type SubmitResult =
  { ok: true; orderId: string; status: string } | { ok: false; message: string; fieldErrors: FieldErrors };

/** Validates an order input fully on the server: the shared schema plus the CSR's signature. */
export async function validateOrderInput(
  raw: DraftInput,
): Promise<{ ok: true; input: OrderInput } | { ok: false; fieldErrors: FieldErrors }> {
  const parsed = orderInputSchema.safeParse(withoutForbidden(raw as Record<string, unknown>));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const input = parsed.data;
  const product = getProduct(input.product);
  const { problems } = await inspectCsr(input.csr as string, {
    domainNames: product?.qwac ? (input.domainNames as string[] | undefined) : undefined,
  });
  if (problems.length) {
    const fieldErrors: FieldErrors = {};
    for (const p of problems)
      (fieldErrors[p.code === "names-not-in-domains" ? "domainNames" : "csr"] ??= []).push(p.message);
    return { ok: false, fieldErrors };
  }
  return { ok: true, input };
}

function shippingOf(input: OrderInput) {
  const v = input as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === "string" ? (v[key] as string) : null);
  return {
    organizationName: text("shippingOrganizationName"),
    organizationalUnitName: text("shippingOrganizationalUnitName"),
    streetAddress1: text("shippingStreetAddress1"),
    streetAddress2: text("shippingStreetAddress2"),
    streetAddress3: text("shippingStreetAddress3"),
    localityName: text("shippingLocalityName"),
    stateOrProvinceName: text("shippingStateOrProvinceName"),
    postalCode: text("shippingPostalCode"),
    countryName: text("shippingCountryName"),
    title: text("shippingTitle"),
    forename: text("shippingForename"),
    surname: text("shippingSurname"),
    emailAddress: text("shippingEmailAddress"),
    telephone: text("shippingTelephone"),
  };
}

/**
 * The wizard's submission: guard (own order, or staff), full validation, the validated input and
 * shipping details stored, then one send. A second submit of the same order (double click, two
 * tabs) finds it no longer editable and is refused by the claim; it never reaches the CA.
 */
export async function submitOrder(
  user: SessionUser,
  request: { orderId: string; input: DraftInput; test: boolean; reason?: string },
): Promise<SubmitResult> {
  const prisma = await db();
  const scope = isStaff(user) ? visibleOrders(user) : ownOrders(user);
  const order = await prisma.order.findFirst({
    where: { AND: [scope, { id: request.orderId }] },
    select: {
      id: true,
      status: true,
      version: true,
      ownerId: true,
      input: true,
      test: true,
      externalOrderNumber: true,
    },
  });
  if (!order) throw new OrderNotFound();
  if (!EDITABLE_BY_CUSTOMER.includes(order.status)) {
    return { ok: false, message: "This order has already been sent to Sectigo.", fieldErrors: {} };
  }
  if (request.test && !env().SECTIGO_TEST_MODE_ALLOWED) {
    return {
      ok: false,
      message: "Test orders are not enabled for this portal's Sectigo account.",
      fieldErrors: {},
    };
  }
  const validated = await validateOrderInput(request.input);
  if (!validated.ok) {
    return {
      ok: false,
      message: "Some answers need attention before the order can be sent.",
      fieldErrors: validated.fieldErrors,
    };
  }
  const input = validated.input;
  const shipping = productShipsToken(input.product, input as Record<string, unknown>)
    ? shippingOf(input)
    : null;

  // Store exactly what will be sent, at the version we saw: a concurrent submit changes the
  // version, so only one of two racing submits gets past this write.
  const stored = await prisma.$transaction(async (tx) => {
    const updated = await tx.order.updateMany({
      where: { id: order.id, version: order.version, status: { in: [...EDITABLE_BY_CUSTOMER] } },
      data: {
        input: input as unknown as Prisma.InputJsonValue,
        test: request.test,
        productCode: input.product,
        days: input.days ?? null,
        organizationName: typeof input.organizationName === "string" ? input.organizationName : null,
        commonName:
          (input.primaryDomainName as string | undefined) ??
          (input.domainNames as string[] | undefined)?.[0] ??
          null,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) return false;
    // Support changing a customer's order: the audit trail keeps what they changed, and why.
    if (isStaff(user) && order.ownerId !== user.id) {
      const before = { ...(order.input as Record<string, unknown>), test: order.test };
      const after = { ...(input as Record<string, unknown>), test: request.test };
      await recordAudit(tx, {
        actorId: user.id,
        action: "order.edited_resubmitted",
        orderId: order.id,
        reason: request.reason?.trim() || DEFAULT_EDIT_REASON,
        details: { changed: inputChanges(before, after) } as unknown as Prisma.InputJsonValue,
      });
    }
    if (shipping) {
      await tx.shippingDetails.upsert({
        where: { orderId: order.id },
        create: { orderId: order.id, ...shipping },
        update: shipping,
      });
    } else {
      await tx.shippingDetails.deleteMany({ where: { orderId: order.id } });
    }
    return true;
  });
  if (!stored)
    return {
      ok: false,
      message: "This order was changed or sent in another window. Reload to see its state.",
      fieldErrors: {},
    };

  try {
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: EDITABLE_BY_CUSTOMER,
      trigger: isStaff(user) && order.status !== "DRAFT" ? "SUPPORT" : "CUSTOMER",
      triggeredById: user.id,
      expectedVersion: order.version + 1,
      stored: { input, externalOrderNumber: order.externalOrderNumber, test: request.test },
    });
    return { ok: true, orderId: order.id, status: sent.status };
  } catch (error) {
    if (error instanceof TransitionRefused) {
      return {
        ok: false,
        message: "This order is already being sent (another window or a double click).",
        fieldErrors: {},
      };
    }
    throw error;
  }
}
