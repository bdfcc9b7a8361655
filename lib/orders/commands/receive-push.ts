import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { markDue } from "@/lib/orders/lifecycle/track";
import { PUSH_PARAMS, PUSH_STATUS_CODES } from "@/lib/sectigo/after-ordering";

// Sectigo's certificate-issuance push (spec after-ordering §3). It is not authenticated, so it
// is only a hint: it makes the order due a status check at once, and what is stored comes from
// that check's own questions to Sectigo. A certificate in the push body is ignored. Repeats change
// nothing more than the first one did; a push for an order this portal did not place is refused.

export type PushAnswer = { status: 200 | 400 | 404; body: string };

const ORDER_NUMBER = /^\d{1,20}$/;
const CERTIFICATE_ID = /^\d{1,32}$/;

export async function receivePush(prisma: PrismaClient, params: URLSearchParams): Promise<PushAnswer> {
  const orderNumber = params.get(PUSH_PARAMS.orderNumber.wire)?.trim() ?? "";
  const certificateId = params.get(PUSH_PARAMS.certificateId.wire)?.trim() || null;
  const statusCode = Number(params.get(PUSH_PARAMS.statusCode.wire));
  if (!ORDER_NUMBER.test(orderNumber)) return { status: 400, body: "orderNumber missing or malformed\n" };
  if (certificateId !== null && !CERTIFICATE_ID.test(certificateId))
    return { status: 400, body: "certificateID malformed\n" };

  const order = await prisma.order.findFirst({
    where: { sectigoOrderNumber: orderNumber },
    select: { id: true, status: true, certificateId: true },
  });
  // A certificate ID that is not the order's is as unknown as an order number we never placed.
  if (
    !order ||
    (certificateId !== null && order.certificateId !== null && order.certificateId !== certificateId)
  ) {
    logger.warn(
      { event: "sectigo.push.unknown", orderNumber },
      "push for an order this portal does not know",
    );
    return { status: 404, body: "unknown order\n" };
  }
  const due = await markDue(prisma, order.id);
  logger.info(
    {
      event: "sectigo.push",
      orderId: order.id,
      meaning: PUSH_STATUS_CODES[statusCode]?.meaning ?? null,
      checkQueued: due,
    },
    "push received; the order is checked at Sectigo",
  );
  return { status: 200, body: "OK\n" };
}
