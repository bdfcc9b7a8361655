import { describe, expect, it } from "vitest";
import { invitationReturnPath, invitedAddress } from "./invitation-return";

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

describe("invitedAddress", () => {
  it("fills in an address-shaped value and nothing else", () => {
    expect(invitedAddress("vera@example.com")).toBe("vera@example.com");
    for (const bad of [
      "",
      "not-an-address",
      "a b@example.com",
      `${"a".repeat(250)}@x.de`,
      undefined,
      ["a@b.c"],
    ])
      expect(invitedAddress(bad), String(bad)).toBe("");
  });
});
