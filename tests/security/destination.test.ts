import { describe, expect, it } from "vitest";
import { safeDestination, safeRedirectUrl, sameSitePath } from "@/lib/auth/destination";

// Every destination must fit a Location header (bytes up to 0xFF) and stay on the portal.
const fitsLocationHeader = (value: string) => {
  expect(() => new Headers({ location: value })).not.toThrow();
  expect([...value].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
};

describe("sign-in destinations", () => {
  it.each([
    ["/。x", "/%E3%80%82x"],
    ["/ä", "/%C3%A4"],
    ["/orders?q=ü", "/orders?q=%C3%BC"],
    ["/😀/x", "/%F0%9F%98%80/x"],
    ["/orders#ß", "/orders#%C3%9F"],
    ["/orders/abc?x=1", "/orders/abc?x=1"],
  ])("%s becomes the same-site path %s", (input, expected) => {
    const { path } = safeDestination(input);
    expect(path).toBe(expected);
    fitsLocationHeader(path);
  });

  it.each([
    "https://attacker.example/orders",
    "//attacker.example/orders",
    "/\\attacker.example/orders",
    "/\t/attacker.example",
    "/\n/attacker.example",
    "/%0a",
    "orders",
    "",
    42,
  ])("%j goes to the order list", (input) => {
    const path = sameSitePath(input);
    if (path !== null) expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
    expect(safeDestination(input).path).toBe(path ?? "/orders");
  });

  it("reports a changed destination so it can be logged once", () => {
    expect(safeDestination("/orders")).toEqual({ path: "/orders", changed: false });
    expect(safeDestination(undefined)).toEqual({ path: "/orders", changed: false });
    expect(safeDestination("/。x")).toEqual({ path: "/%E3%80%82x", changed: true });
    expect(safeDestination("//evil.example")).toEqual({ path: "/orders", changed: true });
  });

  it("Auth.js redirects stay on the portal's origin and fit the header", () => {
    const base = "http://127.0.0.1:3105";
    expect(safeRedirectUrl("/。x", base)).toEqual({ url: `${base}/%E3%80%82x`, changed: true });
    expect(safeRedirectUrl(`${base}/ä`, base)).toEqual({ url: `${base}/%C3%A4`, changed: true });
    expect(safeRedirectUrl(`${base}/orders/1?x=2`, base)).toEqual({
      url: `${base}/orders/1?x=2`,
      changed: false,
    });
    expect(safeRedirectUrl("/sign-in", base)).toEqual({ url: `${base}/sign-in`, changed: false });
    // Another origin goes to the order list, as Auth.js's own default sends it to the portal.
    expect(safeRedirectUrl("https://attacker.example/x", base).url).toBe(`${base}/orders`);
    expect(safeRedirectUrl("//attacker.example/x", base).url).toBe(`${base}/orders`);
    expect(safeRedirectUrl("/\\attacker.example/x", base).url).toBe(`${base}/orders`);
    for (const value of ["/。x", "/😀", `${base}/\u0100`])
      fitsLocationHeader(safeRedirectUrl(value, base).url);
  });
});
