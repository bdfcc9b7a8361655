import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetAnswer, journalAnswer, journalDir } from "@/lib/orders/lifecycle/journal";
import { setEnv } from "@/tests/support/database";

// Answers written at the same moment share the directory's fsync: each must still land whole,
// under its own name, and go again once forgotten. No database needed.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "journal-write-"));
  // A directory that does not exist yet: the first write creates it.
  setEnv({ JOURNAL_DIR: path.join(dir, "journal") });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const answer = (i: number) => ({
  orderId: `order-${i}`,
  attemptId: `attempt-${i}`,
  status: "PLACED" as const,
  attempt: { outcome: "PLACED" as const, durationMs: i, responseBody: `errorCode=0&orderNumber=${1000 + i}` },
  order: { status: "PLACED" as const, sectigoOrderNumber: String(1000 + i) },
  answeredAt: new Date(0).toISOString(),
});

describe("journalAnswer", () => {
  it("writes answers that arrive together each whole, in a directory it creates, and forgets them", async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => journalAnswer(answer(i))));
    const names = (await readdir(journalDir())).sort();
    expect(names).toEqual(Array.from({ length: 24 }, (_, i) => `attempt-${i}.json`).sort());
    for (let i = 0; i < 24; i += 1) {
      const entry = JSON.parse(await readFile(path.join(journalDir(), `attempt-${i}.json`), "utf8"));
      expect(entry).toMatchObject({ ...answer(i), writer: { pid: process.pid } });
    }
    await Promise.all(Array.from({ length: 24 }, (_, i) => forgetAnswer(`attempt-${i}`)));
    expect(await readdir(journalDir())).toEqual([]);
    // Forgetting twice is no error.
    await forgetAnswer("attempt-0");
  });
});
