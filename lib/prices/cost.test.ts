import { describe, expect, it } from "vitest";
import { withoutCost } from "./cost";

describe("withoutCost", () => {
  it("masks totalCost in the URL-encoded answer", () => {
    expect(withoutCost("errorCode=0&orderNumber=123&totalCost=99.50&certificateID=7")).toBe(
      "errorCode=0&orderNumber=123&totalCost=(cost: admins only)&certificateID=7",
    );
  });
  it("masks the third line of the plain-text answer", () => {
    expect(withoutCost("0\n123456\n99.50\n0\n")).toBe("0\n123456\n(cost: admins only)\n0\n");
    expect(withoutCost("1\r\n123456\r\n12.00")).toBe("1\r\n123456\r\n(cost: admins only)");
  });
  it("leaves errors and empty answers alone", () => {
    expect(withoutCost("-7\nInvalid country")).toBe("-7\nInvalid country");
    expect(withoutCost(null)).toBeNull();
  });
});
