import { describe, expect, it } from "vitest";
import {
  bodyRefusal,
  contentSecurityPolicy,
  crossOriginActionRefused,
  MAX_BODY_BYTES,
  newNonce,
} from "./policy";

const action = (headers: Record<string, string>, method = "POST") =>
  crossOriginActionRefused(method, new Headers({ "next-action": "7f00aa", ...headers }));

describe("server actions from other origins", () => {
  it("accepts a post from the portal's own page", () => {
    expect(action({ host: "portal.example", origin: "https://portal.example" })).toBe(false);
    expect(action({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3100" })).toBe(false);
  });

  it("refuses another origin, a look-alike, a missing or opaque origin", () => {
    expect(action({ host: "portal.example", origin: "https://attacker.example" })).toBe(true);
    expect(action({ host: "portal.example", origin: "https://portal.example.attacker.example" })).toBe(true);
    expect(action({ host: "127.0.0.1:3100", origin: "http://127.0.0.1:3101" })).toBe(true);
    expect(action({ host: "portal.example" })).toBe(true);
    expect(action({ host: "portal.example", origin: "null" })).toBe(true);
    expect(action({ host: "portal.example", origin: "not a url" })).toBe(true);
    expect(action({ origin: "https://portal.example" })).toBe(true);
  });

  it("compares with the public host behind a reverse proxy", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "portal.example" };
    expect(action({ ...proxied, origin: "https://portal.example" })).toBe(false);
    expect(action({ ...proxied, origin: "http://10.0.0.5:3000" })).toBe(true);
  });

  it("leaves requests that are not action posts alone", () => {
    expect(crossOriginActionRefused("POST", new Headers({ origin: "https://attacker.example" }))).toBe(false);
    expect(action({ origin: "https://attacker.example" }, "GET")).toBe(false);
  });
});

describe("body size", () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it("refuses a declared length over the limit and accepts one at it", () => {
    expect(bodyRefusal("POST", headers({ "content-length": String(MAX_BODY_BYTES + 1) }))).toBe(413);
    expect(bodyRefusal("POST", headers({ "content-length": String(MAX_BODY_BYTES) }))).toBeNull();
    expect(bodyRefusal("GET", headers({}))).toBeNull();
  });

  it("refuses a streamed body of undeclared length, except a server action's (Next.js caps those)", () => {
    expect(bodyRefusal("POST", headers({ "transfer-encoding": "chunked" }))).toBe(411);
    expect(bodyRefusal("POST", headers({ "transfer-encoding": "chunked", "next-action": "7f" }))).toBeNull();
    expect(bodyRefusal("POST", headers({}))).toBeNull();
  });
});

describe("content security policy", () => {
  it("allows scripts only with the nonce, never inline or eval in production", () => {
    const policy = contentSecurityPolicy("abc123", { development: false, https: true });
    const directives = new Map(
      policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)] as const),
    );
    expect(directives.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.has("upgrade-insecure-requests")).toBe(true);
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("adds eval only for the development server and upgrades only over https", () => {
    const dev = contentSecurityPolicy("n", { development: true, https: false });
    expect(dev).toContain("'unsafe-eval'");
    expect(dev).not.toContain("upgrade-insecure-requests");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});
