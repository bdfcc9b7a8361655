import "server-only";
import { db } from "@/lib/db";
import { PREPARED_MARK } from "@/lib/db/prepared";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { Refusal } from "@/lib/refusal";
import { env } from "@/lib/env";
import { productShipsToken } from "@/lib/sectigo/rules";
import type { OrderInput } from "@/lib/sectigo/schema";
import type { SessionUser } from "@/lib/users/data";
import { isStaff, ownOrdersSql } from "@/lib/orders/queries/access";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { sendOrder } from "@/lib/orders/lifecycle/send";
import { validateOrderInput } from "@/lib/orders/lifecycle/validate";
import { CompromisedKeyRefused } from "@/lib/orders/lifecycle/compromised-keys";
import { TransitionRefused } from "@/lib/orders/lifecycle/store";
import { EDITABLE_BY_CUSTOMER } from "@/lib/orders/model/transitions";
import { recordAudit } from "@/lib/audit/record";
import { inputChanges } from "@/lib/orders/model/input-diff";
import { reasonSchema } from "@/lib/orders/model/support-schemas";
import { holdForApproval, needsApproval } from "@/lib/orders/approval/request";
import { confirmQuote } from "@/lib/prices/submit-quote";

/** The audit reason of a support edit when the wizard gives none. */
export const DEFAULT_EDIT_REASON = "Edited and resubmitted by support";
/** The audit reason of support sending a customer's finished draft when none is given. */
export const DEFAULT_SEND_REASON = "Sent for the customer by support";

/** Why an unconfirmed customer's order is not sent; the wizard offers the link again beside it. */
export const UNVERIFIED_MESSAGE =
  "Confirm your e-mail address before sending your first order: open the link we sent you when you signed up. Your order is kept as a draft.";

/** The wizard step a customer saves at when every step is complete. */
const FINISHED_STEP = "review";

const NOT_FOUND_MESSAGE = "This order does not exist, or you cannot change it.";
const CHANGED_MESSAGE = "This order was changed or sent in another window. Reload to see its state.";
const STALE_MESSAGE =
  "This order was changed in another window since you opened it. Reload to see its latest state; nothing was sent.";
const UNFINISHED_MESSAGE =
  "The customer has not finished this draft. Support can send a customer's draft only as the customer completed it, " +
  "or with an override and a reason, which is kept in the audit log.";

export interface SubmitResult {
  orderId: string;
  status: OrderStatus;
}

type Shipping = ReturnType<typeof shippingOf>;

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

function sameShipping(stored: Shipping | null, next: Shipping | null): boolean {
  if (!stored || !next) return stored === next;
  return (Object.keys(next) as (keyof Shipping)[]).every((key) => stored[key] === next[key]);
}

/**
 * The order with its shipping row, in one statement, limited by queries/access.ts's rule
 * (ownOrdersSql): staff any order, a customer only their own in an organization where they may
 * still request; anything else is "not found".
 * It also says whether the caller has confirmed their e-mail address (no extra round trip).
 */
async function orderToSubmit(prisma: PrismaClient, user: SessionUser, orderId: string) {
  const rows = await prisma.$queryRaw<
    {
      id: string;
      status: OrderStatus;
      version: number;
      ownerId: string;
      input: Prisma.JsonValue;
      test: boolean;
      externalOrderNumber: string;
      currentStep: string | null;
      serverSoftware: number | null;
      shipping: Shipping | null;
      callerVerified: boolean;
      approvalRequired: boolean;
    }[]
  >`
    SELECT o."id", o."status"::text AS "status", o."version", o."ownerId", o."input", o."test",
      o."externalOrderNumber", o."currentStep", o."serverSoftware", to_jsonb(s) AS "shipping",
      EXISTS (SELECT 1 FROM "User" u WHERE u."id" = ${user.id}::text AND u."emailVerifiedAt" IS NOT NULL)
        AS "callerVerified",
      (g."approvalRequired" AND NOT g."personal") AS "approvalRequired"
    FROM "Order" o LEFT JOIN "ShippingDetails" s ON s."orderId" = o."id"
      JOIN "Organization" g ON g."id" = o."organizationId"
    WHERE o."id" = ${orderId}::text AND ${ownOrdersSql(user)}
    ${Prisma.raw(PREPARED_MARK)}`;
  return rows[0] ?? null;
}

/**
 * The wizard's submission, save and send in one: guard (own order, or staff), full validation,
 * then one claim that stores the validated input at the version the window saw and sends it.
 * In an organization that requires approval, a legal-person product's order is stored the same
 * way but moves to AWAITING_APPROVAL instead (lib/orders/approval/): an approver sends it.
 * A second submit of the same order (double click, two tabs) finds the version or the state
 * moved on and is refused by the claim; it never reaches the CA. Expected failures are thrown
 * as Refusal.
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
    /** The quote the review step showed (lib/prices/quote.ts quoteKey); a different price refuses. */
    quoteKey?: string;
  },
): Promise<SubmitResult> {
  const prisma = await db();
  const order = await orderToSubmit(prisma, user, request.orderId);
  if (!order) throw new Refusal("not_found", NOT_FOUND_MESSAGE);
  if (!EDITABLE_BY_CUSTOMER.includes(order.status)) {
    throw new Refusal("not_allowed", "This order has already been sent to Sectigo.");
  }
  if (request.version !== undefined && request.version !== order.version) {
    throw new Refusal("conflict", STALE_MESSAGE);
  }
  // Anyone can sign up as anyone@company.eu: only an owner who proved the address orders in its
  // name. Staff accounts are created by an admin and count as confirmed.
  if (!isStaff(user) && !order.callerVerified) {
    throw new Refusal("email_unverified", UNVERIFIED_MESSAGE);
  }
  if (request.test && !env().SECTIGO_TEST_MODE_ALLOWED) {
    throw new Refusal("not_allowed", "Test orders are not enabled for this portal's Sectigo account.");
  }
  const validated = await validateOrderInput(request.input);
  if (!validated.ok) {
    throw new Refusal(
      "invalid",
      "Some answers need attention before the order can be sent.",
      validated.fieldErrors,
    );
  }
  const input = validated.input;
  const quote = await confirmQuote(prisma, order, input as Record<string, unknown>, request.quoteKey);
  const staffForCustomer = isStaff(user) && order.ownerId !== user.id;
  const before = { ...(order.input as Record<string, unknown>), test: order.test };
  const after = { ...(input as Record<string, unknown>), test: request.test };
  let audit: { action: string; reason: string; details: Record<string, unknown> } | null = null;
  if (staffForCustomer && order.status === "DRAFT") {
    audit = await staffDraftSend(order, before, after, request);
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
  const shippingChanged = !sameShipping(order.shipping, shipping);
  // The claim stores exactly what will be sent, at the version we saw: of two racing submits
  // only one gets past it. Audit and shipping join it in one transaction only when needed.
  const alsoWrite =
    audit || shippingChanged
      ? async (tx: Prisma.TransactionClient) => {
          if (audit) {
            await recordAudit(tx, {
              actorId: user.id,
              action: audit.action,
              orderId: order.id,
              reason: audit.reason,
              details: audit.details as unknown as Prisma.InputJsonValue,
            });
          }
          if (!shippingChanged) return;
          if (shipping) {
            await tx.shippingDetails.upsert({
              where: { orderId: order.id },
              create: { orderId: order.id, ...shipping },
              update: shipping,
            });
          } else {
            await tx.shippingDetails.deleteMany({ where: { orderId: order.id } });
          }
        }
      : undefined;

  const store = {
    input: input as unknown as Prisma.InputJsonValue,
    test: request.test,
    productCode: input.product,
    days: input.days ?? null,
    organizationName: typeof input.organizationName === "string" ? input.organizationName : null,
    commonName:
      (input.primaryDomainName as string | undefined) ??
      (input.domainNames as string[] | undefined)?.[0] ??
      null,
    currentStep: FINISHED_STEP,
    quote,
  };

  try {
    // Support included: an order that needs the organization's approval is never sent past it.
    if (needsApproval(order.approvalRequired, input.product)) {
      await holdForApproval(prisma, {
        orderId: order.id,
        from: EDITABLE_BY_CUSTOMER,
        expectedVersion: order.version,
        requester: user,
        store,
        onHold: alsoWrite,
      });
      return { orderId: order.id, status: "AWAITING_APPROVAL" };
    }
    const sent = await sendOrder(prisma, {
      orderId: order.id,
      from: EDITABLE_BY_CUSTOMER,
      // A staff member's send is support's, also of a draft: the customer's timeline must not
      // say "sent by you" for an order they did not send.
      trigger: isStaff(user) ? "SUPPORT" : "CUSTOMER",
      triggeredById: user.id,
      expectedVersion: order.version,
      stored: {
        input,
        externalOrderNumber: order.externalOrderNumber,
        test: request.test,
        serverSoftware: order.serverSoftware,
      },
      store,
      refuseKey: validated.csrKey,
      onClaim: alsoWrite && ((tx) => alsoWrite(tx)),
    });
    return { orderId: order.id, status: sent.status };
  } catch (error) {
    if (error instanceof TransitionRefused) throw new Refusal("conflict", CHANGED_MESSAGE);
    if (error instanceof CompromisedKeyRefused)
      throw new Refusal("invalid", error.message, { csr: [error.message] });
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
): Promise<{ action: string; reason: string; details: Record<string, unknown> }> {
  const storedValid = await validateOrderInput((order.input ?? {}) as DraftInput);
  // Compared as validated on both sides, so defaults and dropped keys are no change.
  const changed = inputChanges(storedValid.ok ? { ...storedValid.input, test: before.test } : before, after);
  const finished = order.currentStep === FINISHED_STEP && storedValid.ok && Object.keys(changed).length === 0;
  if (finished) {
    return {
      action: "order.sent_for_customer",
      reason: request.reason?.trim() || DEFAULT_SEND_REASON,
      details: { currentStep: order.currentStep },
    };
  }
  if (!request.overrideUnfinished) throw new Refusal("not_allowed", UNFINISHED_MESSAGE);
  const reason = reasonSchema.safeParse(request.reason ?? "");
  if (!reason.success) {
    const message = reason.error.issues[0]?.message ?? "Give a reason.";
    throw new Refusal("invalid", message, { reason: [message] });
  }
  return {
    action: "order.sent_unfinished_draft",
    reason: reason.data,
    details: { currentStep: order.currentStep, changed },
  };
}
