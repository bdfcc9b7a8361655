import { describe, expect, test } from "vitest";
import { decide, readings, type AlertSettings } from "./conditions";

const settings: AlertSettings = {
  windowMs: 60_000,
  failureRate: 0.2,
  minCalls: 10,
  latencyP95Ms: 5_000,
  retryBacklog: 50,
  outboxBacklog: 100,
};
const at = (s: number) => new Date(Date.UTC(2026, 11, 8, 12, 0, s));
const measures = { calls: 20, failures: 10, p95Ms: 300, retryBacklog: 0, outboxBacklog: 0 };

describe("alert conditions", () => {
  test("a failure rate is only judged over enough calls", () => {
    const rate = (calls: number, failures: number) =>
      readings({ ...measures, calls, failures }, settings).find((r) => r.kind === "sectigo-failure-rate")!;
    expect(rate(20, 10).value).toBe(0.5);
    expect(rate(9, 9).value).toBeNull();
  });

  test("opens at the threshold, keeps the peak, and closes only after a whole clear window", () => {
    const reading = (value: number | null) => ({
      kind: "sectigo-failure-rate" as const,
      value,
      threshold: 0.2,
    });
    expect(decide(reading(0.1), null, settings.windowMs, at(0))).toEqual({ action: "none" });
    expect(decide(reading(0.2), null, settings.windowMs, at(0))).toEqual({ action: "open", value: 0.2 });
    const open = { peakValue: 0.5, clearSince: null };
    expect(decide(reading(0.3), open, settings.windowMs, at(1))).toEqual({
      action: "hold",
      peakValue: 0.5,
      lastValue: 0.3,
      clearSince: null,
    });
    // Clear: the clock starts; under a window later it is still open.
    const clearing = decide(reading(0.1), open, settings.windowMs, at(10));
    expect(clearing).toMatchObject({ action: "hold", clearSince: at(10) });
    // Back above the threshold: the clock is reset (no close-and-reopen flapping).
    expect(
      decide(reading(0.25), { peakValue: 0.5, clearSince: at(10) }, settings.windowMs, at(40)),
    ).toMatchObject({
      action: "hold",
      clearSince: null,
    });
    // Too little data counts as clear.
    expect(
      decide(reading(null), { peakValue: 0.5, clearSince: at(10) }, settings.windowMs, at(69)),
    ).toMatchObject({
      action: "hold",
    });
    expect(decide(reading(0), { peakValue: 0.5, clearSince: at(10) }, settings.windowMs, at(70))).toEqual({
      action: "close",
      endedAt: at(10),
      lastValue: 0,
    });
  });
});
