import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closeDb, db } from "@/lib/db";
import { applyMigrations, pgExecutor } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { OrderStatus, type Role } from "@/lib/generated/prisma/enums";
import { PRODUCT_CODES } from "@/lib/sectigo/products";
import { createUser, type SessionUser } from "@/lib/users/data";

// Fixtures for the order history tests: the app's database pointed at a fresh PostgreSQL
// database (or PGlite directory) of its own, and a small but awkward order history in it.

const SERVER_URL = process.env.PGTEST_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

export interface TestDatabase {
  /** Empties every table (TRUNCATE passes the audit log's append-only trigger). */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

/** Makes a fresh, migrated database the app's database (`db()`) until `drop()`. */
export async function useFreshDatabase(
  prefix: string,
  kind: "postgres" | "pglite" = "postgres",
): Promise<TestDatabase> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };
  await closeDb();
  const truncate = `TRUNCATE "AuditEvent", "OrderAttempt", "ShippingDetails", "Order", "User" CASCADE`;
  if (kind === "pglite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
    setEnv({ DATABASE_URL: undefined, PGLITE_DIR: path.join(dir, "data") });
    return {
      reset: async () => void (await (await db()).$executeRawUnsafe(truncate)),
      drop: async () => {
        await closeDb();
        setEnv(saved);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `${prefix}_${randomUUID().replaceAll("-", "")}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await applyMigrations(pgExecutor(client), { kind: "postgres" });
  setEnv({ DATABASE_URL: url.toString() });
  return {
    reset: async () => void (await client.query(truncate)),
    drop: async () => {
      await closeDb();
      await client.end();
      setEnv(saved);
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

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

const STATUSES = Object.values(OrderStatus);
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
 * `count` orders spread over the owners: every status, products (some NULL, as early drafts
 * have), pairs of orders with the same creation time (so tie-breaking by id is exercised), test
 * and live orders, and Sectigo numbers on the ones that reached the CA.
 */
export async function seedOrders(owners: SessionUser[], count: number): Promise<SeededOrder[]> {
  const prisma = await db();
  const orders: SeededOrder[] = Array.from({ length: count }, (_, i) => {
    const owner = owners[i % owners.length]!;
    const status = STATUSES[i % STATUSES.length]!;
    const organizationName = ORGANIZATIONS[i % ORGANIZATIONS.length]!;
    return {
      id: `ord${String(i).padStart(4, "0")}${randomUUID().slice(0, 8)}`,
      ownerId: owner.id,
      ownerEmail: owner.email,
      externalOrderNumber: `EQ-${String(i).padStart(4, "0")}-${"ABCDEFGH"[i % 8]}${"JKMN"[i % 4]}PQ`,
      sectigoOrderNumber:
        status === "PLACED" || status === "NEEDS_RECONCILIATION" ? String(7_000_000 + i * 13) : null,
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
      totalCost: order.status === "PLACED" ? "123.40" : null,
    })),
  });
  return orders;
}
