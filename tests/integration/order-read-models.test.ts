import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { getAdminOrderDetail } from "@/lib/orders/queries/admin-order";
import { getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { getSupportOrder } from "@/lib/orders/queries/support";
import type { SessionUser } from "@/lib/users/data";
import {
  createTestDatabase,
  newUser,
  seedOrders,
  type SeededOrder,
  type TestDatabase,
} from "@/tests/support/order-history";

// The three read models of one order (customer, support, admin) against a real PostgreSQL: each
// page renders what an attempt stored, so each must pass it through the one scrubber. Whatever an
// older release or a bug left in a stored row, the Sectigo password reaches none of them.

const SECTIGO_PASSWORD = "s3ctigo-account-password";
let database: TestDatabase;
let customer: SessionUser;
let support: SessionUser;
let admin: SessionUser;
let order: SeededOrder;

beforeAll(async () => {
  process.env.SECTIGO_LOGIN_PASSWORD = SECTIGO_PASSWORD;
  resetEnvCache();
  database = await createTestDatabase("order_read_models_test");
  [customer, support, admin] = await Promise.all([newUser("CUSTOMER"), newUser("SUPPORT"), newUser("ADMIN")]);
  order = (await seedOrders([customer], 1))[0]!;
  const prisma = await db();
  // A row as a faulty release could have written it: the password in every stored text.
  await prisma.order.update({
    where: { id: order.id },
    data: { status: "NEEDS_REVIEW", failureMessage: `Login failed for password ${SECTIGO_PASSWORD}` },
  });
  await prisma.orderAttempt.create({
    data: {
      orderId: order.id,
      trigger: "SUPPORT",
      triggeredById: support.id,
      outcome: "CA_ERROR",
      request: { params: { loginName: "reseller", loginPassword: SECTIGO_PASSWORD } },
      responseBody: `errorCode=-1&errorMessage=bad+login&loginPassword=${SECTIGO_PASSWORD}`,
      message: `Sectigo echoed ${SECTIGO_PASSWORD}`,
    },
  });
  await prisma.auditEvent.create({
    data: {
      actorId: support.id,
      action: "order.retried",
      orderId: order.id,
      details: { loginPassword: SECTIGO_PASSWORD, note: `copied ${SECTIGO_PASSWORD}` },
    },
  });
});

afterAll(async () => {
  await database?.drop();
  delete process.env.SECTIGO_LOGIN_PASSWORD;
  resetEnvCache();
});

describe("a stored attempt that holds the Sectigo password", () => {
  test("support's order detail shows it redacted", async () => {
    const detail = await getSupportOrder(support, order.id);
    const attempt = detail!.attempts.at(-1)!;
    expect(attempt.triggeredBy?.email).toBe(support.email);
    expect(attempt.request).toEqual({ params: { loginName: "reseller", loginPassword: "[REDACTED]" } });
    expect(attempt.responseBody).toBe("errorCode=-1&errorMessage=bad+login&loginPassword=[REDACTED]");
    expect(attempt.message).toBe("Sectigo echoed [REDACTED]");
    expect(detail!.auditEvents.at(-1)!.details).toEqual({
      loginPassword: "[REDACTED]",
      note: "copied [REDACTED]",
    });
    expect(detail!.reason).toContain("[REDACTED]");
    expect(JSON.stringify(detail)).not.toContain(SECTIGO_PASSWORD);
  });

  test("the customer's order page shows it redacted", async () => {
    const mine = await getOrderForViewer(customer, order.id);
    expect(mine?.attempts.at(-1)?.message).toBe("Sectigo echoed [REDACTED]");
    expect(mine?.failureMessage).toBe("Login failed for password [REDACTED]");
    expect(JSON.stringify(mine)).not.toContain(SECTIGO_PASSWORD);
  });

  test("the admin's order detail shows it redacted", async () => {
    const detail = await getAdminOrderDetail(admin, order.id);
    const attempt = detail!.attempts.at(-1)!;
    expect(attempt.request).toEqual({ params: { loginName: "reseller", loginPassword: "[REDACTED]" } });
    expect(attempt.responseBody).toBe("errorCode=-1&errorMessage=bad+login&loginPassword=[REDACTED]");
    expect(detail!.failureMessage).toBe("Login failed for password [REDACTED]");
    expect(JSON.stringify(detail)).not.toContain(SECTIGO_PASSWORD);
  });
});
