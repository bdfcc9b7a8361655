import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { FieldErrors } from "@/lib/field-errors";
import { productShipsToken } from "@/lib/sectigo/rules";
import type { OrderInput } from "@/lib/sectigo/schema";
import type { SessionUser } from "@/lib/users/data";
import { isStaff, ownOrders, visibleOrders } from "@/lib/orders/queries/access";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { OrderNotFound } from "@/lib/orders/commands/drafts";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import { TransitionRefused } from "@/lib/orders/lifecycle/store";
import { EDITABLE_BY_CUSTOMER } from "@/lib/orders/model/transitions";
import { recordAudit } from "@/lib/audit/record";
import { inputChanges } from "@/lib/orders/model/input-diff";
import { reasonSchema } from "@/lib/orders/model/support-schemas";

/** The audit reason of a support edit when the wizard gives none. */
export const DEFAULT_EDIT_REASON = "Edited and resubmitted by support";
/** The audit reason of support sending a customer's finished draft when none is given. */
export const DEFAULT_SEND_REASON = "Sent for the customer by support";

/** The wizard step a customer saves at when every step is complete. */
const FINISHED_STEP = "review";

const CHANGED_MESSAGE = "This order was changed or sent in another window. Reload to see its state.";
const STALE_MESSAGE =
  "This order was changed in another window since you opened it. Reload to see its latest state; nothing was sent.";
const UNFINISHED_MESSAGE =
  "The customer has not finished this draft. Support can send a customer's draft only as the customer completed it, " +
  "or with an override and a reason, which is kept in the audit log.";

export type SubmitResult =
  { ok: true; orderId: string; status: string } | { ok: false; message: string; fieldErrors: FieldErrors };

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
  request: {
    orderId: string;
    input: DraftInput;
    test: boolean;
    reason?: string;
    /** The version the wizard last saved at; a different one refuses the send. */
    version?: number;
    /** Support sending a customer's unfinished draft anyway (needs a reason; audited). */
    overrideUnfinished?: boolean;
  },
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
      currentStep: true,
    },
  });
  if (!order) throw new OrderNotFound();
  if (!EDITABLE_BY_CUSTOMER.includes(order.status)) {
    return { ok: false, message: "This order has already been sent to Sectigo.", fieldErrors: {} };
  }
  if (request.version !== undefined && request.version !== order.version) {
    return { ok: false, message: STALE_MESSAGE, fieldErrors: {} };
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
  const staffForCustomer = isStaff(user) && order.ownerId !== user.id;
  const before = { ...(order.input as Record<string, unknown>), test: order.test };
  const after = { ...(input as Record<string, unknown>), test: request.test };
  let audit: { action: string; reason: string; details: Record<string, unknown> } | null = null;
  if (staffForCustomer && order.status === "DRAFT") {
    const send = await staffDraftSend(order, before, after, request);
    if (!send.ok) return send;
    audit = send.audit;
  } else if (staffForCustomer) {
    // Support changing a customer's order: the audit trail keeps what they changed, and why.
    audit = {
      action: "order.edited_resubmitted",
      reason: request.reason?.trim() || DEFAULT_EDIT_REASON,
      details: { changed: inputChanges(before, after) },
    };
  }
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
    if (audit) {
      await recordAudit(tx, {
        actorId: user.id,
        action: audit.action,
        orderId: order.id,
        reason: audit.reason,
        details: audit.details as unknown as Prisma.InputJsonValue,
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
  if (!stored) return { ok: false, message: CHANGED_MESSAGE, fieldErrors: {} };

  try {
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: EDITABLE_BY_CUSTOMER,
      // A staff member's send is support's, also of a draft: the customer's timeline must not
      // say "sent by you" for an order they did not send.
      trigger: isStaff(user) ? "SUPPORT" : "CUSTOMER",
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

/**
 * Support sending a customer's draft. Only as the customer finished it (saved at the review step,
 * the stored answers complete and unchanged), since the customer may still be typing into it; or
 * with an explicit override that needs a reason and is audited with the step it was sent from.
 */
async function staffDraftSend(
  order: { input: unknown; currentStep: string | null },
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  request: { reason?: string; overrideUnfinished?: boolean },
): Promise<
  | { ok: true; audit: { action: string; reason: string; details: Record<string, unknown> } }
  | { ok: false; message: string; fieldErrors: FieldErrors }
> {
  const storedValid = await validateOrderInput((order.input ?? {}) as DraftInput);
  // Compared as validated on both sides, so defaults and dropped keys are no change.
  const changed = inputChanges(storedValid.ok ? { ...storedValid.input, test: before.test } : before, after);
  const finished = order.currentStep === FINISHED_STEP && storedValid.ok && Object.keys(changed).length === 0;
  if (finished) {
    return {
      ok: true,
      audit: {
        action: "order.sent_for_customer",
        reason: request.reason?.trim() || DEFAULT_SEND_REASON,
        details: { currentStep: order.currentStep },
      },
    };
  }
  if (!request.overrideUnfinished) return { ok: false, message: UNFINISHED_MESSAGE, fieldErrors: {} };
  const reason = reasonSchema.safeParse(request.reason ?? "");
  if (!reason.success) {
    const message = reason.error.issues[0]?.message ?? "Give a reason.";
    return { ok: false, message, fieldErrors: { reason: [message] } };
  }
  return {
    ok: true,
    audit: {
      action: "order.sent_unfinished_draft",
      reason: reason.data,
      details: { currentStep: order.currentStep, changed },
    },
  };
}
