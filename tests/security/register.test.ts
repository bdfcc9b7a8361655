import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { registerCustomer } from "@/lib/users/register";
import { createUser } from "@/lib/users/data";
import { createTestDatabase, type TestDatabase } from "@/tests/support/database";

// Self-registration against a real PostgreSQL: a new address gets a customer account, an existing
// one is left exactly as it was, and both take the same time (same hash, same single statement).

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("register");
});
afterAll(async () => database?.drop());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe("registerCustomer", () => {
  it("creates a customer for a new address", async () => {
    await registerCustomer({ name: " New Person ", email: "New@Example.com", password: "a long password 1" });
    const prisma = await db();
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new@example.com" } });
    expect(user).toMatchObject({ name: "New Person", role: "CUSTOMER", disabled: false });
    expect(await verifyPassword(user.passwordHash, "a long password 1")).toBe(true);
  });

  it("leaves an existing account unchanged, whatever role it has", async () => {
    const admin = await createUser({
      name: "Ada Admin",
      email: "ada@example.com",
      password: "ada's password 1",
      role: "ADMIN",
    });
    const prisma = await db();
    const before = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    await registerCustomer({ name: "Mallory", email: " ADA@example.com", password: "mallory password" });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(after).toEqual(before);
    expect(await prisma.user.count({ where: { email: "ada@example.com" } })).toBe(1);
  });

  it("takes as long for an existing address as for a new one", async () => {
    await createUser({
      name: "Taken",
      email: "taken@example.com",
      password: "taken password 1",
      role: "CUSTOMER",
    });
    const time = async (email: string) => {
      const started = performance.now();
      await registerCustomer({ name: "Timing", email, password: "timing password 1" });
      return performance.now() - started;
    };
    const existing: number[] = [];
    const fresh: number[] = [];
    await time("warm-up@example.com");
    for (let i = 0; i < 20; i += 1) {
      existing.push(await time("taken@example.com"));
      fresh.push(await time(`fresh-${i}@example.com`));
    }
    const [e, f] = [median(existing), median(fresh)];
    const figures = `median existing ${e.toFixed(1)} ms, new ${f.toFixed(1)} ms (20 samples each)`;
    console.log(`registerCustomer timing: ${figures}`);
    // Within 25 % of the slower median: a path that skipped the hash would differ by most of it
    // (argon2 is nearly all of the work), while load on a shared machine moves both alike.
    expect(Math.abs(e - f), figures).toBeLessThanOrEqual(0.25 * Math.max(e, f));
  }, 120_000);
});
