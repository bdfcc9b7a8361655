import { describe, expect, test } from "vitest";
import { actionStateOf, encodeArguments, findAction, routeOf, type ActionManifest } from "./server-actions";

// The benchmark's server-action calls: finding an action in a build's manifest (entries as
// Next 16 writes them), encoding its arguments and reading its answer from the RSC stream.

const manifest: ActionManifest = {
  node: {
    "7f08c4ea39f081ddf2e7b11a8f3639d7f185cb6f55": {
      workers: {
        "app/(portal)/orders/[id]/edit/page": { moduleId: 1, async: true },
        "app/(portal)/orders/new/page": { moduleId: 2, async: true },
      },
      filename: "app/(portal)/orders/actions.ts",
      exportedName: "saveDraftAction",
    },
    "60e698b3fa2e7e19555426977597c0d8d59c57575a": {
      workers: { "app/(auth)/confirm-email/page": { moduleId: 3, async: true } },
      filename: "app/(auth)/confirm-email/actions.ts",
      exportedName: "confirmEmailAction",
    },
    "7f55cf9cb77f92cabeb981f8e9a5b8de5d64e4d88e": {
      workers: { "app/(portal)/orders/[id]/edit/page": { moduleId: 1, async: true } },
      filename: "app/(portal)/orders/actions.ts",
      exportedName: "submitOrderAction",
    },
  },
};

describe("server actions over HTTP", () => {
  test("a page's path leaves out route groups", () => {
    expect(routeOf("app/(portal)/orders/new/page")).toBe("/orders/new");
    expect(routeOf("app/page")).toBe("/");
    expect(routeOf("app/(auth)/sign-in/page")).toBe("/sign-in");
  });

  test("an action is found by file and name, posted to a page without dynamic segments", () => {
    const save = findAction(manifest, "app/(portal)/orders/actions.ts", "saveDraftAction");
    expect(save).toEqual({ id: "7f08c4ea39f081ddf2e7b11a8f3639d7f185cb6f55", path: "/orders/new" });
    expect(() => findAction(manifest, "app/(portal)/orders/actions.ts", "submitOrderAction")).toThrow(
      /only served from dynamic routes/,
    );
    expect(() => findAction(manifest, "app/(portal)/orders/actions.ts", "deleteDraftAction")).toThrow(
      /no server action deleteDraftAction/,
    );
  });

  test("arguments are encoded as React's reply encoding has them", () => {
    expect(encodeArguments([undefined, { a: "$x", b: undefined, c: [1, null, "-----BEGIN"] }])).toBe(
      '["$undefined",{"a":"$$x","c":[1,null,"-----BEGIN"]}]',
    );
  });

  test("the answer is the row holding the action state, with or without a re-rendered page", () => {
    const plain =
      '0:{"a":"$@1","q":"","i":false,"b":"lc_BD"}\n1:{"ok":true,"data":{"orderId":"o1","version":0}}\n';
    expect(actionStateOf(plain)).toEqual({ ok: true, data: { orderId: "o1", version: 0 } });
    const revalidated =
      '2:"$Sreact.fragment"\n8:I[339756,["$7"],"default"]\n0:{"a":"$@1","f":[["children"]],"b":"lc_BD"}\n' +
      '1:{"ok":false,"message":"Another window changed this order."}\n';
    expect(actionStateOf(revalidated)).toEqual({ ok: false, message: "Another window changed this order." });
    expect(actionStateOf("<!DOCTYPE html><html></html>")).toBeNull();
  });
});
