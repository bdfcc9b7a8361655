import { describe, expect, it } from "vitest";
import { timeline } from "./timeline";

const at = (s: string) => new Date(`2026-12-07T23:29:${s}Z`);

describe("timeline", () => {
  it("puts attempts and events in one list by time, an event before an attempt of the same instant", () => {
    const attempts = [{ id: "placed", startedAt: at("20.500") }];
    const events = [
      { id: "submitted", at: at("13.000") },
      { id: "approved", at: at("20.500") },
      { id: "issued", at: at("41.000") },
    ];
    expect(timeline(attempts, events).map((e) => (e.attempt ?? e.event).id)).toEqual([
      "submitted",
      "approved",
      "placed",
      "issued",
    ]);
  });
});
