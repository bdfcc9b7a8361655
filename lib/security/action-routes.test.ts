import { describe, expect, it } from "vitest";
import { actionRoutesFrom, formActionIds } from "./action-routes";

// The shape of the three manifests as `next build` (16.4) writes them, cut down to two pages.
const routes = actionRoutesFrom({
  serverReferences: {
    node: {
      "7fsave": { workers: { "app/(portal)/orders/[id]/edit/page": {}, "app/(portal)/orders/new/page": {} } },
      "00signout": { workers: { "app/(portal)/orders/page": {}, "app/(portal)/orders/new/page": {} } },
    },
  },
  appPathRoutes: {
    "/(portal)/orders/[id]/edit/page": "/orders/[id]/edit",
    "/(portal)/orders/new/page": "/orders/new",
    "/(portal)/orders/page": "/orders",
    "/(portal)/orders/[id]/page": "/orders/[id]",
  },
  routes: {
    staticRoutes: [
      { page: "/orders", regex: "^/orders(?:/)?$" },
      { page: "/orders/new", regex: "^/orders/new(?:/)?$" },
    ],
    dynamicRoutes: [
      { page: "/orders/[id]", regex: "^/orders/([^/]+?)(?:/)?$" },
      { page: "/orders/[id]/edit", regex: "^/orders/([^/]+?)/edit(?:/)?$" },
    ],
  },
});

describe("which page hosts an action", () => {
  it("finds the action on its pages, static and dynamic", () => {
    expect(routes("7fsave", "/orders/new")).toBe("hosted");
    expect(routes("7fsave", "/orders/abc123/edit")).toBe("hosted");
    expect(routes("7fsave", "/orders/abc123/edit/")).toBe("hosted");
    expect(routes("00signout", "/orders")).toBe("hosted");
  });

  it("tells an action of another page from an id no build made", () => {
    // /orders/new is static: it is not taken for an order id.
    expect(routes("00signout", "/orders/abc123")).toBe("elsewhere");
    expect(routes("7fsave", "/orders")).toBe("elsewhere");
    expect(routes("7fsave", "/nowhere")).toBe("elsewhere");
    expect(routes("7f0000", "/orders")).toBe("unknown");
    expect(routes("toString", "/orders")).toBe("unknown");
    expect(routes("__proto__", "/orders")).toBe("unknown");
  });
});

describe("the action a form without JavaScript names", () => {
  const form = (fields: [string, string][]) => {
    const data = new FormData();
    for (const [k, v] of fields) data.append(k, v);
    return data;
  };

  it("reads plain and bound actions' fields", () => {
    expect(
      formActionIds(
        form([
          ["$ACTION_ID_00signout", ""],
          ["orderId", "x"],
        ]),
      ),
    ).toEqual(["00signout"]);
    expect(
      formActionIds(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":"7fsave","bound":"$@1"}'],
        ]),
      ),
    ).toEqual(["7fsave"]);
    expect(formActionIds(form([["q", "no action here"]]))).toEqual([]);
  });

  it("refuses a bound action without a readable descriptor", () => {
    expect(formActionIds(form([["$ACTION_REF_1", ""]]))).toBeNull();
    expect(
      formActionIds(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{not json"],
        ]),
      ),
    ).toBeNull();
    expect(
      formActionIds(
        form([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", '{"id":7}'],
        ]),
      ),
    ).toBeNull();
  });
});
