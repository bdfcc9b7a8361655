import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import type { Outcome } from "@/lib/orders/lifecycle/outcome";
import { AUTO_RETRIED, retryDelayMs, retryPolicy, withRetryPolicy } from "@/lib/orders/lifecycle/retry";

// The retry policy and its back-off without a database: which outcomes are retried, how often,
// and when.

const policy = { maxAttempts: 3, baseDelayMs: 30_000 };
const now = new Date("2026-12-03T10:00:00.000Z");

function outcome(status: Outcome["status"]): Outcome {
  return {
    status,
    attempt: { outcome: "UNKNOWN", durationMs: 5, request: {} },
    order: { failureClass: "transport:timeout", failureMessage: "lost the connection" },
  };
}

afterEach(() => {
  delete process.env.RETRY_MAX_ATTEMPTS;
  delete process.env.RETRY_BASE_DELAY_MS;
  resetEnvCache();
});

describe("retryDelayMs", () => {
  it("waits the base, then four times longer each retry", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy, n))).toEqual([30_000, 120_000, 480_000, 1_920_000]);
  });

  it("never waits less than the base", () => {
    expect(retryDelayMs(policy, 0)).toBe(30_000);
  });
});

describe("withRetryPolicy", () => {
  it.each(AUTO_RETRIED)(
    "schedules %s while retries are left, with the due time from the back-off",
    (status) => {
      const first = withRetryPolicy(outcome(status), 0, policy, now);
      expect(first.status).toBe("RETRY_SCHEDULED");
      expect(first.order).toMatchObject({ retryCount: 1, nextRetryAt: new Date("2026-12-03T10:00:30.000Z") });
      expect(first.order.failureMessage).toMatch(/automatically/);
      expect(first.order.failureClass).toBe("transport:timeout");

      const third = withRetryPolicy(outcome(status), 2, policy, now);
      expect(third.order).toMatchObject({ retryCount: 3, nextRetryAt: new Date("2026-12-03T10:08:00.000Z") });
    },
  );

  it("lets the outcome stand once the retries are used up: the order goes to support", () => {
    const last = withRetryPolicy(outcome("OUTCOME_UNKNOWN"), 3, policy, now);
    expect(last.status).toBe("OUTCOME_UNKNOWN");
    expect(last.order).toMatchObject({ nextRetryAt: null, failureMessage: "lost the connection" });
    expect(last.order).not.toHaveProperty("retryCount");
  });

  it("never retries an answer the CA gave", () => {
    for (const status of [
      "PLACED",
      "REJECTED",
      "ACCOUNT_PROBLEM",
      "NEEDS_REVIEW",
      "NEEDS_RECONCILIATION",
    ] as const) {
      const result = withRetryPolicy(outcome(status), 0, policy, now);
      expect(result.status, status).toBe(status);
      expect(result.order.nextRetryAt, status).toBeNull();
    }
  });

  it("with no retries configured, sends failures straight to support", () => {
    expect(withRetryPolicy(outcome("FAILED_TRANSIENT"), 0, { ...policy, maxAttempts: 0 }, now).status).toBe(
      "FAILED_TRANSIENT",
    );
  });
});

describe("retryPolicy", () => {
  it("reads RETRY_MAX_ATTEMPTS and RETRY_BASE_DELAY_MS", () => {
    process.env.RETRY_MAX_ATTEMPTS = "5";
    process.env.RETRY_BASE_DELAY_MS = "1000";
    resetEnvCache();
    expect(retryPolicy()).toEqual({ maxAttempts: 5, baseDelayMs: 1000 });
  });

  it("defaults to three retries, 30 s apart at first", () => {
    resetEnvCache();
    expect(retryPolicy()).toEqual({ maxAttempts: 3, baseDelayMs: 30_000 });
  });
});
