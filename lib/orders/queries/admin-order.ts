import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdmin } from "@/lib/orders/queries/search";
import { REDACTED } from "@/lib/sectigo/wire";
import type { SessionUser } from "@/lib/users/data";

const detailSelect = {
  id: true,
  externalOrderNumber: true,
  sectigoOrderNumber: true,
  productCode: true,
  days: true,
  status: true,
  test: true,
  // The reseller's purchase price: admins only (the customer's getOrderForViewer never selects it).
  totalCost: true,
  serverSoftware: true,
  input: true,
  organizationName: true,
  commonName: true,
  certificateId: true,
  certificateState: true,
  uniqueValue: true,
  failureClass: true,
  failureCode: true,
  failureMessage: true,
  failureField: true,
  retryCount: true,
  nextRetryAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  submittedAt: true,
  placedAt: true,
  owner: { select: { id: true, email: true, name: true } },
  attempts: {
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      trigger: true,
      outcome: true,
      httpStatus: true,
      errorCode: true,
      errorClass: true,
      message: true,
      durationMs: true,
      request: true,
      responseBody: true,
      startedAt: true,
      finishedAt: true,
      triggeredBy: { select: { email: true } },
    },
  },
  shipping: {
    select: {
      organizationName: true,
      organizationalUnitName: true,
      streetAddress1: true,
      streetAddress2: true,
      streetAddress3: true,
      localityName: true,
      stateOrProvinceName: true,
      postalCode: true,
      countryName: true,
      title: true,
      forename: true,
      surname: true,
      emailAddress: true,
      telephone: true,
    },
  },
  auditEvents: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      action: true,
      reason: true,
      details: true,
      createdAt: true,
      actor: { select: { email: true } },
    },
  },
} as const satisfies Prisma.OrderSelect;

export type AdminOrderDetail = Prisma.OrderGetPayload<{ select: typeof detailSelect }>;

const SECRET_KEY = /password|secret/i;

/**
 * Second net behind the Sectigo client's redaction: whatever an older release or a bug stored,
 * no value under a password-like key, and no occurrence of the configured Sectigo password,
 * reaches the page.
 */
export function scrubSecrets(
  value: Prisma.JsonValue,
  password = env().SECTIGO_LOGIN_PASSWORD,
): Prisma.JsonValue {
  const scrubText = (text: string) =>
    password && password.length >= 4 ? text.split(password).join(REDACTED) : text;
  const walk = (node: Prisma.JsonValue): Prisma.JsonValue => {
    if (typeof node === "string") return scrubText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === "object") {
      return Object.fromEntries(
        Object.entries(node).map(([key, inner]) => [
          key,
          SECRET_KEY.test(key) && inner !== null ? REDACTED : walk(inner as Prisma.JsonValue),
        ]),
      );
    }
    return node;
  };
  return walk(value);
}

/** The text form of scrubSecrets, for raw response bodies. */
export function scrubSecretText(text: string | null, password = env().SECTIGO_LOGIN_PASSWORD): string | null {
  if (text === null) return null;
  const scrubbed = scrubSecrets(text, password) as string;
  // A body that echoes form parameters (`loginPassword=...`) is masked up to the next separator.
  return scrubbed.replace(/(loginPassword["']?\s*[=:]\s*["']?)[^&\s"'<,}]+/gi, `$1${REDACTED}`);
}

/** Everything about one order (input, attempts, shipping, audit trail): admins only; null if absent. */
export async function getAdminOrderDetail(user: SessionUser, id: string): Promise<AdminOrderDetail | null> {
  assertAdmin(user);
  const prisma = await db();
  const order = await prisma.order.findUnique({ where: { id }, select: detailSelect });
  if (!order) return null;
  return {
    ...order,
    input: scrubSecrets(order.input) as Prisma.JsonValue,
    attempts: order.attempts.map((attempt) => ({
      ...attempt,
      request: scrubSecrets(attempt.request) as Prisma.JsonValue,
      responseBody: scrubSecretText(attempt.responseBody),
      message: scrubSecretText(attempt.message),
    })),
    auditEvents: order.auditEvents.map((event) => ({
      ...event,
      details: event.details === null ? null : scrubSecrets(event.details),
    })),
  };
}
