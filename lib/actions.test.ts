import { redirect } from "next/navigation";
import { describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { guardedAction } from "@/lib/actions";
import { Refusal } from "@/lib/refusal";

// The guard itself is tested against real sessions (tests/integration, e2e/authorization); here
// only what the wrapper makes of a handler's outcome.
vi.mock("@/lib/auth/guards", () => ({
  requireUser: async () => ({ id: "u1", role: "SUPPORT" }),
  requireRole: async () => ({ id: "u1", role: "SUPPORT" }),
}));
vi.mock("@/lib/log", () => ({ logger: { error: vi.fn(), warn: vi.fn(), info: vi.fn() } }));

const schema = z.object({ orderId: z.string().min(1) });

describe("guardedAction", () => {
  test("a Refusal becomes the form's answer with its code and field errors", async () => {
    const action = guardedAction({ schema }, async () => {
      throw new Refusal("conflict", "Changed elsewhere.", { orderId: ["stale"] });
    });
    expect(await action(undefined, { orderId: "o1" })).toEqual({
      ok: false,
      message: "Changed elsewhere.",
      fieldErrors: { orderId: ["stale"] },
      code: "conflict",
    });
  });

  test("invalid input never reaches the handler", async () => {
    const handler = vi.fn(async () => ({ ok: true as const }));
    const answer = await guardedAction({ schema }, handler)(undefined, { orderId: "" });
    expect(answer.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  test("an unexpected error propagates, unless the action answers it in words", async () => {
    const failing = async () => {
      throw new Error("socket hang up");
    };
    await expect(guardedAction({ schema }, failing)(undefined, { orderId: "o1" })).rejects.toThrow(
      "socket hang up",
    );
    expect(
      await guardedAction({ schema, unexpected: "Reload and try again." }, failing)(undefined, {
        orderId: "o1",
      }),
    ).toEqual({ ok: false, message: "Reload and try again.", fieldErrors: {} });
  });

  test("Next's redirect passes through even where unexpected errors are answered", async () => {
    const action = guardedAction({ schema, unexpected: "Reload and try again." }, async () => {
      redirect("/orders/o1/edit");
    });
    await expect(action(undefined, { orderId: "o1" })).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
  });
});
