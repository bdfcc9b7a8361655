import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/log";
import { currentRequestId, requestIdFor, runWithRequestId } from "./request-context.mjs";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger(stream, "info") };
}

describe("request ids", () => {
  it("every line logged while a request is worked on names it, across awaits; lines outside name none", async () => {
    const { lines, logger } = capture();
    await Promise.all(
      ["req-aaaaaaaa", "req-bbbbbbbb"].map((id) =>
        runWithRequestId(id, async () => {
          logger.info("start");
          await new Promise((resolve) => setTimeout(resolve, 5));
          logger.info({ step: 2 }, "after a wait");
          expect(currentRequestId()).toBe(id);
        }),
      ),
    );
    logger.info("outside");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l.requestId === "req-aaaaaaaa")).toHaveLength(2);
    expect(lines.filter((l) => l.requestId === "req-bbbbbbbb")).toHaveLength(2);
    expect(lines.find((l) => l.msg === "outside")?.requestId).toBeUndefined();
  });

  it("keeps a trusted proxy's id only when it looks like one, else makes a new one", () => {
    expect(requestIdFor("lb-1234-abcd", true)).toBe("lb-1234-abcd");
    expect(requestIdFor("lb-1234-abcd", false)).not.toBe("lb-1234-abcd");
    expect(requestIdFor("bad id\nwith newline", true)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(undefined, true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
