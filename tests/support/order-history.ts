import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { OrderStatus, type Role } from "@/lib/generated/prisma/enums";
import { PRODUCT_CODES } from "@/lib/sectigo/products";
import { createUser, type SessionUser } from "@/lib/users/data";

// Fixtures for the order history tests: a small but awkward order history, in the database
// tests/support/database.ts gives each test file.

export { createTestDatabase, type TestDatabase } from "./database";

export function newUser(
  role: Role,
  email = `${role.toLowerCase()}-${randomUUID()}@example.com`,
): Promise<SessionUser> {
  return createUser({ email, name: `A ${role.toLowerCase()}`, password: "a long enough password", role });
}

export interface SeededOrder {
  id: string;
  ownerId: string;
  ownerEmail: string;
  externalOrderNumber: string;
  sectigoOrderNumber: string | null;
  productCode: number | null;
  status: OrderStatus;
  organizationName: string | null;
  commonName: string | null;
  test: boolean;
  createdAt: Date;
}

// The states of ordering cycle through the orders (eleven: a cycle length the product cycle of
// fourteen does not share a factor with, so every status meets every product); the states after
// placing go to three more orders at the end.
const AFTER_PLACING: readonly OrderStatus[] = ["ISSUED", "CA_REJECTED", "REVOKED"];
// States added to the enum later are seeded once each at the end, like those after placing, so
// the i-th order keeps its state and owner (tests pick orders by index, and 11 states over two
// owners give each owner every state).
const LATER: readonly OrderStatus[] = ["AWAITING_APPROVAL"];
const TAIL: readonly OrderStatus[] = [...AFTER_PLACING, ...LATER];
const STATUSES = Object.values(OrderStatus).filter((s) => !TAIL.includes(s));
// Awkward on purpose: CSV metacharacters, a formula, LIKE wildcards, a non-ASCII letter.
const ORGANIZATIONS = [
  'Acme, "Quoted" GmbH',
  '=HYPERLINK("http://evil.example")',
  "Percent 100% AG",
  "under_score Ltd",
  "Zürich Trust AG",
  "Multi\nLine S.A.",
  null,
];
export const HISTORY_START = new Date("2026-03-01T08:00:00.000Z");

/**
 * `count` orders spread over the owners (and one more in each state after placing or added later): every status, products (some NULL, as early drafts
 * have), pairs of orders with the same creation time (so tie-breaking by id is exercised), test
 * and live orders, and Sectigo numbers on the ones that reached the CA.
 */
export async function seedOrders(owners: SessionUser[], count: number): Promise<SeededOrder[]> {
  const prisma = await db();
  const orders: SeededOrder[] = Array.from({ length: count + TAIL.length }, (_, i) => {
    const owner = owners[i % owners.length]!;
    const status = i < count ? STATUSES[i % STATUSES.length]! : TAIL[i - count]!;
    const organizationName = ORGANIZATIONS[i % ORGANIZATIONS.length]!;
    return {
      id: `ord${String(i).padStart(4, "0")}${randomUUID().slice(0, 8)}`,
      ownerId: owner.id,
      ownerEmail: owner.email,
      externalOrderNumber: `EQ-${String(i).padStart(4, "0")}-${"ABCDEFGH"[i % 8]}${"JKMN"[i % 4]}PQ`,
      sectigoOrderNumber:
        status === "PLACED" || status === "NEEDS_RECONCILIATION" || AFTER_PLACING.includes(status)
          ? String(7_000_000 + i * 13)
          : null,
      productCode: i % 6 === 0 ? null : PRODUCT_CODES[i % PRODUCT_CODES.length]!,
      status,
      organizationName,
      commonName: i % 4 === 0 ? `www.shop${i}.example` : organizationName,
      test: i % 5 === 0,
      createdAt: new Date(HISTORY_START.getTime() + Math.floor(i / 2) * 3_600_000 * 7),
    };
  });
  await prisma.order.createMany({
    data: orders.map(({ ownerEmail: _email, ...order }) => ({
      ...order,
      organizationId: order.ownerId,
      totalCost: order.status === "PLACED" ? "123.40" : null,
    })),
  });
  return orders;
}
