import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientAddressOf, setClientAddress, trustedHopsFrom } from "./client-address.mjs";

describe("clientAddressOf", () => {
  it("takes the socket's address when no proxy is trusted, whatever the client wrote", () => {
    expect(clientAddressOf("198.51.100.7", "203.0.113.1", 0)).toBe("203.0.113.1");
    expect(clientAddressOf(undefined, "203.0.113.1", 0)).toBe("203.0.113.1");
    expect(clientAddressOf(undefined, "::ffff:203.0.113.1", 0)).toBe("203.0.113.1");
    expect(clientAddressOf(undefined, "2001:db8::1", 0)).toBe("2001:db8::1");
  });

  it("takes the entry the nearest trusted proxy appended, never one the client put before it", () => {
    expect(clientAddressOf("10.9.8.7, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddressOf(["10.9.8.7", "198.51.100.7, 10.0.0.5"], "10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("falls back to the socket when a request carries fewer entries than there are proxies", () => {
    expect(clientAddressOf(undefined, "203.0.113.1", 1)).toBe("203.0.113.1");
    expect(clientAddressOf("198.51.100.7", "203.0.113.1", 2)).toBe("203.0.113.1");
  });
});

describe("trustedHopsFrom", () => {
  it("reads a small whole number, 0 when unset, and refuses anything else", () => {
    expect(trustedHopsFrom(undefined)).toBe(0);
    expect(trustedHopsFrom(" ")).toBe(0);
    expect(trustedHopsFrom("1")).toBe(1);
    expect(() => trustedHopsFrom("yes")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => trustedHopsFrom("-1")).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("setClientAddress on a real HTTP server", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function seenBy(hops: number, headers: Record<string, string>) {
    server = createServer((request, response) => {
      setClientAddress(request, hops);
      response.end(
        JSON.stringify({ forwarded: request.headers["x-forwarded-for"], real: request.headers["x-real-ip"] }),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return (await answer.json()) as { forwarded: string; real: string };
  }

  it("replaces a client's own X-Forwarded-For and X-Real-IP with the socket's address", async () => {
    const seen = await seenBy(0, { "x-forwarded-for": "10.9.8.5", "x-real-ip": "10.9.8.6" });
    expect(seen).toEqual({ forwarded: "127.0.0.1", real: "127.0.0.1" });
  });

  it("behind one trusted proxy keeps only the address that proxy appended", async () => {
    const seen = await seenBy(1, { "x-forwarded-for": "10.9.8.5, 198.51.100.23" });
    expect(seen).toEqual({ forwarded: "198.51.100.23", real: "198.51.100.23" });
  });
});
