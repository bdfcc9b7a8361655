import { describe, expect, it } from "vitest";
import { callAction, failureMessage, isCallFailure } from "./action-call";

describe("callAction", () => {
  it("passes the action's own answer through", async () => {
    const answer = {
      ok: false as const,
      message: "Please correct the highlighted fields.",
      fieldErrors: { csr: ["x"] },
    };
    const result = await callAction("save", () => Promise.resolve(answer));
    expect(result).toBe(answer);
    expect(isCallFailure(result)).toBe(false);
  });

  it("turns an unreachable portal into a worded, retryable failure", async () => {
    const result = await callAction("save", () => Promise.reject(new TypeError("Failed to fetch")));
    expect(isCallFailure(result)).toBe(true);
    expect(result).toMatchObject({ ok: false, fieldErrors: {}, retryable: true });
    expect((result as { message: string }).message).toMatch(
      /could not be saved: the portal could not be reached/,
    );
  });

  it("names a server-side failure as one, without its internals", async () => {
    const error = Object.assign(new Error("Can't reach database server at 127.0.0.1"), { digest: "123" });
    const message = failureMessage("submit", error);
    expect(message).toMatch(/^The order could not be sent: the portal had a problem on its side/);
    expect(message).not.toContain("127.0.0.1");
    expect(message).toContain("never places the same order twice");
  });
});
