import { describe, expect, it } from "vitest";
import { invitationReturnPath } from "./invitation-return";

describe("invitationReturnPath", () => {
  it("takes an invitation page's path and nothing else", () => {
    const token = "a".repeat(43);
    expect(invitationReturnPath(`/invitation?token=${token}`)).toBe(`/invitation?token=${token}`);
    for (const bad of [
      `https://evil.example/invitation?token=${token}`,
      `//evil.example/invitation?token=${token}`,
      `/invitation?token=${token}&next=//evil.example`,
      `/orders`,
      `/invitation?token=short`,
      undefined,
      ["/invitation"],
    ])
      expect(invitationReturnPath(bad), String(bad)).toBeNull();
  });
});
