import { describe, expect, it } from "vitest";
import {
  actionBodyProblem,
  actionPostKind,
  actionRequestProblem,
  actionRequestRefusal,
  bodyRefusal,
  contentSecurityPolicy,
  crossOriginActionRefused,
  MAX_BODY_BYTES,
  newNonce,
  urlProblem,
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

describe("posts that may reach a server action", () => {
  const kind = (headers: Record<string, string>, pathname = "/orders", method = "POST") =>
    actionPostKind(method, new Headers(headers), pathname);

  it("are a script's action call or a form posted without JavaScript, to a page", () => {
    expect(kind({ "next-action": "7f00aa", "content-type": "text/plain;charset=UTF-8" })).toBe("fetch");
    expect(kind({ "content-type": "multipart/form-data; boundary=x" })).toBe("form");
    expect(kind({ "content-type": "application/x-www-form-urlencoded" })).toBe("form");
    expect(kind({ "content-type": "application/json" })).toBeNull();
    expect(kind({ "content-type": "multipart/form-data; boundary=x" }, "/orders", "GET")).toBeNull();
    // Auth.js's own form posts are checked by Auth.js (its CSRF token).
    expect(
      kind({ "content-type": "application/x-www-form-urlencoded" }, "/api/auth/callback/credentials"),
    ).toBeNull();
  });

  it("from a form without JavaScript need the portal's own Origin too", () => {
    const form = (headers: Record<string, string>) =>
      crossOriginActionRefused(
        "POST",
        new Headers({
          host: "portal.example",
          "content-type": "multipart/form-data; boundary=x",
          ...headers,
        }),
        "/orders",
      );
    expect(form({ origin: "https://portal.example" })).toBe(false);
    expect(form({ origin: "https://attacker.example" })).toBe(true);
    expect(form({ origin: "null" })).toBe(true);
    expect(form({})).toBe(true);
  });

  const hostedOnOrders = (id: string, pathname: string) =>
    id === "00signout" && pathname === "/orders" ? "hosted" : id === "7fsave" ? "elsewhere" : "unknown";
  const post = (headers: Record<string, string>, body: BodyInit) =>
    new Request("http://portal.example/orders", { method: "POST", headers, body });

  it("naming an action the page does not host get 404, by script or by form", async () => {
    const text = { "content-type": "text/plain;charset=UTF-8" };
    expect(
      await actionRequestRefusal(
        post({ ...text, "next-action": "7fsave" }, "[]"),
        "fetch",
        "/orders",
        hostedOnOrders,
      ),
    ).toEqual({
      status: 404,
      problem: "no such form on this page",
    });
    expect(
      (
        await actionRequestRefusal(
          post({ ...text, "next-action": "7f00" }, "[]"),
          "fetch",
          "/orders",
          hostedOnOrders,
        )
      )?.status,
    ).toBe(404);
    expect(
      await actionRequestRefusal(
        post({ ...text, "next-action": "00signout" }, "[]"),
        "fetch",
        "/orders",
        hostedOnOrders,
      ),
    ).toBeNull();
    const form = (name: string) => {
      const data = new FormData();
      data.append(name, "");
      return new Request("http://portal.example/orders", { method: "POST", body: data });
    };
    expect(
      (await actionRequestRefusal(form("$ACTION_ID_7fsave"), "form", "/orders", hostedOnOrders))?.status,
    ).toBe(404);
    expect(
      await actionRequestRefusal(form("$ACTION_ID_00signout"), "form", "/orders", hostedOnOrders),
    ).toBeNull();
    expect(await actionRequestRefusal(form("q"), "form", "/orders", hostedOnOrders)).toBeNull();
    // Without a production build to read, only the body is checked.
    expect(await actionRequestRefusal(form("$ACTION_ID_7fsave"), "form", "/orders", null)).toBeNull();
  });

  it("with a multipart body that does not parse get 400", async () => {
    const broken = post(
      { "content-type": "multipart/form-data; boundary=XYZ" },
      '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nbroken',
    );
    expect(await actionRequestRefusal(broken, "form", "/orders", hostedOnOrders)).toEqual({
      status: 400,
      problem: "not a form",
    });
    const urlEncoded = post({ "content-type": "application/x-www-form-urlencoded" }, "a=b");
    expect(await actionRequestRefusal(urlEncoded, "form", "/orders", hostedOnOrders)).toBeNull();
  });
});

describe("body size", () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  it("refuses a declared length over the limit and accepts one at it", () => {
    expect(bodyRefusal("POST", headers({ "content-length": String(MAX_BODY_BYTES + 1) }))).toBe(413);
    expect(bodyRefusal("POST", headers({ "content-length": String(MAX_BODY_BYTES) }))).toBeNull();
    expect(bodyRefusal("GET", headers({}))).toBeNull();
  });

  it("refuses a streamed body of undeclared length, a server action's too", () => {
    expect(bodyRefusal("POST", headers({ "transfer-encoding": "chunked" }))).toBe(411);
    expect(bodyRefusal("POST", headers({ "transfer-encoding": "chunked", "next-action": "7f" }))).toBe(411);
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

describe("server action bodies Next.js could not decode", () => {
  it("passes what React's client sends: arguments, escaped strings, undefined, dates", () => {
    expect(
      actionBodyProblem(`["$undefined",{"orderId":"abc","input":{"product":781,"note":"$$5 off"}}]`),
    ).toBeNull();
    expect(
      actionBodyProblem(`[{"when":"$D2026-11-27T10:00:00.000Z","n":"$n12","x":"$NaN","y":"$-Infinity"}]`),
    ).toBeNull();
    expect(actionBodyProblem(`[]`)).toBeNull();
    // Brackets inside strings do not count as nesting.
    expect(actionBodyProblem(JSON.stringify(["[".repeat(1000), { a: '\\"{{{' }]))).toBeNull();
  });

  it("names what is wrong with a body it cannot decode", () => {
    expect(actionBodyProblem("")).toBe("not JSON");
    expect(actionBodyProblem("this is not json")).toBe("not JSON");
    expect(actionBodyProblem(`["$undefined",{"orderId":"a`)).toBe("not JSON");
    expect(actionBodyProblem(`["a\u0000b"]`)).toBe("not JSON"); // a raw NUL inside a string
    expect(actionBodyProblem(`{"orderId":"x"}`)).toBe("not an argument list");
    expect(actionBodyProblem(`[${"[".repeat(10_000)}1${"]".repeat(10_000)}]`)).toBe("nested too deeply");
    expect(actionBodyProblem(`["$undefined",{"orderId":"$1:constructor:constructor"}]`)).toBe(
      "holds a reference",
    );
    for (const reference of ["$h1", "$@1", "$K1", "$Q1", "$T", "$F1", "$B1", "$Z"]) {
      expect(actionBodyProblem(JSON.stringify([reference])), reference).toBe("holds a reference");
    }
  });

  it("checks forms by their numbered JSON parts and refuses other content types", async () => {
    const form = (parts: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(parts)) data.append(k, v);
      return new Request("http://portal.example/orders", { method: "POST", body: data });
    };
    expect(await actionRequestProblem(form({ "0": `["$K1"]`, "1_orderId": "abc" }))).toBeNull();
    expect(await actionRequestProblem(form({ "0": "{{" }))).toBe("not JSON");
    expect(await actionRequestProblem(form({ "0": `${"[".repeat(100)}${"]".repeat(100)}` }))).toBe(
      "nested too deeply",
    );
    const json = new Request("http://portal.example/orders", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "[]",
    });
    expect(await actionRequestProblem(json)).toBe("an unexpected content type");
  });
});

describe("addresses", () => {
  it("passes the portal's paths and queries, including non-ASCII search terms", () => {
    expect(urlProblem("/orders/cmwzmx3qq0000zh7dvuuy4k1j", "")).toBeNull();
    expect(urlProblem("/admin/orders", "?q=M%C3%BCller+GmbH&status=PLACED")).toBeNull();
  });

  it("refuses control characters, NUL and broken escapes in the path or query", () => {
    expect(urlProblem("/orders/%00", "")).toBe("control character");
    expect(urlProblem("/admin/orders", "?q=a%00b")).toBe("control character");
    expect(urlProblem("/admin/orders", "?q=%0d%0aSet-Cookie:x")).toBe("control character");
    expect(urlProblem("/admin/orders", "?q=%ED%A0%80")).toBe("malformed escape");
    expect(urlProblem("/orders/%E0%A4%A", "")).toBe("malformed escape");
  });
});
