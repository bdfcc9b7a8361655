import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner";
import type { RunningCatcher } from "@/lib/mail/catcher";
import { queueMail } from "@/lib/mail/outbox";
import { verifyPreferencesToken } from "@/lib/mail/preferences-token";
import { createTestDatabase, setEnv, type TestDatabase } from "@/tests/support/database";
import { caughtFor, mailEnv, startCatcher, until } from "./mail-support";

// The outbox against real parts: PostgreSQL, the pg-boss worker woken by the commit's NOTIFY,
// nodemailer over real SMTP to the catcher on port 2541.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

const PORT = 2541;
const WORKER = { pollingIntervalSeconds: 0.5, mail: { baseDelayMs: 300, maxDelayMs: 1_000, leaseMs: 3_000 } };
let database: TestDatabase;
let catcher: RunningCatcher | undefined;
const saved = { ...process.env };

beforeAll(async () => {
  setEnv(mailEnv(PORT));
  database = await createTestDatabase("mail_outbox");
});
afterAll(async () => {
  await stopJobRunner();
  await catcher?.close();
  await database?.drop();
  process.env = saved;
});
beforeEach(async () => {
  await stopJobRunner();
  await catcher?.close();
  await database.reset();
  catcher = await startCatcher(PORT);
});

let n = 0;
const address = () => `person-${++n}-${Date.now()}@example.com`;
const check = (to: string, key = `check:${to}`, name = "Ada") =>
  ({ to, template: "mail-check", data: { name, note: "It works." }, dedupeKey: key }) as const;

async function outboxRow(dedupeKey: string) {
  return (await db()).mailOutbox.findUnique({ where: { dedupeKey } });
}

describe("mail outbox", () => {
  test("a queued mail is delivered once, with text and HTML parts and escaped data", async () => {
    await startJobRunner(WORKER);
    const prisma = await db();
    const user = await prisma.user.create({
      data: { email: "ada@example.com", name: "Ada", passwordHash: "x", role: "CUSTOMER" },
    });
    const to = address();
    await prisma.$transaction(async (tx) => {
      expect(
        await queueMail(tx, { ...check(to, "one", '<script>alert(1)</script> & "Ada"'), userId: user.id }),
      ).toBe(true);
    });
    const row = await until("sent", async () => {
      const r = await outboxRow("one");
      return r?.status === "SENT" ? r : undefined;
    });
    const mails = await caughtFor(to);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.recipients).toEqual([to]);
    expect(mail.sender).toBe("noreply@portal.test");
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.subject).toBe("Test message from the eIDAS Certificate Portal");
    expect(mail.text).toContain('Hello <script>alert(1)</script> & "Ada",');
    expect(mail.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Ada&quot;,");
    expect(mail.html).not.toContain("<script>");
    // The footer's one-click link is signed for this user.
    const token = /mail-preferences\?token=([^\s"&]+)/.exec(mail.text ?? "")?.[1];
    expect(verifyPreferencesToken(decodeURIComponent(token!))).toBe(user.id);
    expect(verifyPreferencesToken(`${decodeURIComponent(token!)}x`)).toBeNull();
    // What the template needed is gone once sent.
    expect(row.data).toBeNull();
    expect(row.attempts).toBe(1);
    await sleep(1_000);
    expect(await caughtFor(to)).toHaveLength(1);
  });

  test("the same dedupeKey twice is one mail; a rolled-back transaction sends none", async () => {
    await startJobRunner(WORKER);
    const prisma = await db();
    const to = address();
    expect(await queueMail(prisma, check(to, "twice"))).toBe(true);
    expect(await prisma.$transaction((tx) => queueMail(tx, check(to, "twice")))).toBe(false);
    const lost = address();
    await expect(
      prisma.$transaction(async (tx) => {
        await queueMail(tx, check(lost, "rolled-back"));
        throw new Error("the causing event failed");
      }),
    ).rejects.toThrow("the causing event failed");
    await until("sent", async () => ((await outboxRow("twice"))?.status === "SENT" ? true : undefined));
    await sleep(1_500);
    expect(await caughtFor(to)).toHaveLength(1);
    expect(await caughtFor(lost)).toHaveLength(0);
    expect(await prisma.mailOutbox.count()).toBe(1);
  });

  test("bad input is refused before anything is written", async () => {
    const prisma = await db();
    await expect(queueMail(prisma, check("not-an-address"))).rejects.toThrow(/address/);
    await expect(
      // @ts-expect-error the template's data is typed; a wrong shape is refused at run time too
      queueMail(prisma, { to: address(), template: "mail-check", data: { name: 1 }, dedupeKey: "bad" }),
    ).rejects.toThrow(/cannot be rendered/);
    expect(await prisma.mailOutbox.count()).toBe(0);
  });

  test("SMTP down for a while: every mail is delivered after it returns, none twice", async () => {
    await catcher!.close();
    catcher = undefined;
    await startJobRunner(WORKER);
    const prisma = await db();
    const recipients = Array.from({ length: 6 }, address);
    for (const to of recipients) await queueMail(prisma, check(to));
    // While the server is down one mail probes it (the rest of a batch waits with it) and backs
    // off: it has been refused at least twice before the server comes back.
    const tried = await until(
      "failed tries",
      async () => {
        const rows = await prisma.mailOutbox.findMany();
        const probe = rows.find((r) => r.attempts >= 2);
        return rows.length === 6 && probe && rows.every((r) => r.status === "PENDING") ? rows : undefined;
      },
      10_000,
    );
    for (const row of tried.filter((r) => r.attempts > 0))
      expect(row.lastError).toMatch(/^(ESOCKET|ECONNECTION): .*ECONNREFUSED/);
    catcher = await startCatcher(PORT);
    await until(
      "all sent",
      async () => ((await prisma.mailOutbox.count({ where: { status: "SENT" } })) === 6 ? true : undefined),
      20_000,
    );
    await sleep(1_000);
    for (const to of recipients) expect(await caughtFor(to)).toHaveLength(1);
    expect(await prisma.caughtMail.count()).toBe(6);
  });

  test("a worker killed mid-send: the mail is sent again after the lease, once", async () => {
    // The catcher holds the SMTP session at RCPT TO until the sender is dead.
    await catcher!.close();
    let holding = false;
    let release: () => void = () => undefined;
    catcher = await startCatcher(PORT, {
      beforeRecipient: () =>
        holding ? Promise.resolve() : new Promise<void>((resolve) => ((holding = true), (release = resolve))),
    });
    const prisma = await db();
    const to = address();
    await queueMail(prisma, check(to, "killed"));
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "tests/integration/mail-child.ts"],
      { env: { ...process.env, MAIL_LEASE_MS: "3000" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, "exit");
    await until("the child mid-send", async () => (holding ? true : undefined), 20_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      },
    );
    child.kill("SIGKILL");
    await exited;
    release();
    const stuck = await outboxRow("killed");
    expect(stuck).toMatchObject({ status: "SENDING", attempts: 1 });
    await startJobRunner(WORKER);
    const sent = await until(
      "resent after the lease",
      async () => {
        const r = await outboxRow("killed");
        return r?.status === "SENT" ? r : undefined;
      },
      20_000,
    );
    expect(sent.attempts).toBe(2);
    await sleep(1_000);
    const mails = await caughtFor(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe(sent.messageId);
  });
});
