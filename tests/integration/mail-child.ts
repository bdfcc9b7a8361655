// A portal process that gets killed mid-send (spawned by mail-outbox.test.ts, never run by
// Vitest): it claims the due mails and starts sending them to a catcher that holds the SMTP
// session, and is killed with SIGKILL while waiting. Run with `node --conditions=react-server --import tsx`.
import { db } from "@/lib/db";
import { DEFAULT_SEND_OPTIONS, drainOutbox } from "@/lib/mail/send";

const prisma = await db();
process.stdout.write("draining\n");
await drainOutbox(prisma, { ...DEFAULT_SEND_OPTIONS, leaseMs: Number(process.env.MAIL_LEASE_MS ?? 3000) });
process.stdout.write("drained\n");
process.exit(0);
