import { Auth } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import { describe, expect, it } from "vitest";
import { authConfig } from "@/lib/auth/config";

// The session cookie as the portal's Auth.js configuration sets it, over plain http (local
// start, browser tests) and over https (production behind TLS): always HttpOnly and SameSite=Lax,
// and Secure with the __Secure- prefix in production. The credentials check is replaced by a
// fixed user: this is about the cookie, not the password (tests/integration covers sign-in).
const config = {
  ...authConfig,
  basePath: "/api/auth",
  secret: "cookie-test-secret-0123456789abcdef",
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: () => ({ id: "u1", role: "CUSTOMER" as const }),
    }),
  ],
};

async function signInAt(origin: string): Promise<string[]> {
  const csrf = await Auth(new Request(`${origin}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await Auth(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken, email: "a@example.com", password: "x" }),
    }),
    config,
  );
  expect(response.status).toBe(302);
  return response.headers.getSetCookie();
}

const sessionCookie = (cookies: string[]) => {
  const found = cookies.find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  expect(found, cookies.join("\n")).toBeDefined();
  return found!.split(";").map((part) => part.trim().toLowerCase());
};

describe("session cookie flags", () => {
  it("over https: __Secure- name, Secure, HttpOnly, SameSite=Lax, whole site", async () => {
    const flags = sessionCookie(await signInAt("https://portal.example"));
    expect(flags[0]).toMatch(/^__secure-authjs\.session-token=/);
    expect(flags).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
  });

  it("over http (local start): HttpOnly and SameSite=Lax, not Secure", async () => {
    const flags = sessionCookie(await signInAt("http://localhost:3000"));
    expect(flags[0]).toMatch(/^authjs\.session-token=/);
    expect(flags).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(flags).not.toContain("secure");
  });

  it("expires with the session: at most 8 hours", async () => {
    const flags = sessionCookie(await signInAt("https://portal.example"));
    const expires = flags.find((f) => f.startsWith("expires="));
    const ms = new Date(expires!.slice("expires=".length)).getTime() - Date.now();
    expect(ms).toBeGreaterThan(7.9 * 3600_000);
    expect(ms).toBeLessThanOrEqual(8 * 3600_000 + 1000);
  });
});
