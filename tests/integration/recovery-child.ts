// A portal process that gets killed mid-submission (spawned by recovery.test.ts, never run by
// Vitest): it claims the order and sends it to a CA that answers far too slowly, and is killed
// with SIGKILL while waiting. Run with `node --conditions=react-server --import tsx`.
import { db } from "@/lib/db";
import { useSectigoClient as setSectigoClient, sendOrder } from "@/lib/orders/lifecycle/send";
import { createSectigoClient } from "@/lib/sectigo/client";

const { ORDER_ID, OWNER_ID, SANDBOX_URL, SANDBOX_LOGIN, SANDBOX_PASSWORD } = process.env;
if (!ORDER_ID || !OWNER_ID || !SANDBOX_URL || !SANDBOX_LOGIN || !SANDBOX_PASSWORD) {
  throw new Error("ORDER_ID, OWNER_ID, SANDBOX_URL, SANDBOX_LOGIN and SANDBOX_PASSWORD are required");
}

setSectigoClient(
  createSectigoClient({
    baseUrl: SANDBOX_URL,
    loginName: SANDBOX_LOGIN,
    loginPassword: SANDBOX_PASSWORD,
    timeoutMs: 120_000,
  }),
);
const prisma = await db();
process.stdout.write("sending\n");
try {
  await sendOrder(prisma, {
    orderId: ORDER_ID,
    from: ["DRAFT"],
    trigger: "CUSTOMER",
    triggeredById: OWNER_ID,
  });
} catch (error) {
  // A portal process stays up when one send fails (the database went away after the CA
  // answered): it waits here, as a server would, until the test kills it.
  process.stdout.write(`send failed: ${(error as Error).message}\n`);
  setInterval(() => undefined, 60_000);
  await new Promise(() => undefined);
}
process.stdout.write("answered\n");
process.exit(0);
