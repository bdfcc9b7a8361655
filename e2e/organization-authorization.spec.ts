import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { makeCsr } from "../tests/support/csr";
import { minimalInput } from "../tests/sectigo/support/orders";
import { getProduct } from "../lib/sectigo/products";
import { httpPerson, joinOverHttp, postAction, type ActionAnswer } from "./organizations";
import { demo, DEMO_PASSWORD, signIn } from "./support";
import { SANDBOX, sandboxOrders } from "./wizard";

// The authorization matrix of issue 15 over real HTTP: every role of one organization (owner,
// requester, approver, viewer), a member of another organization, support and admin, against
// every order page, download and server action, each action posted as its form would post it.
// The people and orders are made once, over HTTP (the forms have their own specs); then each
// cell is one request. The last part removes the viewer: their very next request finds nothing.

const WHO = ["owner", "requester", "approver", "viewer", "outsider", "support", "admin"] as const;
type Who = (typeof WHO)[number];
const MEMBERS = ["owner", "requester", "approver", "viewer"] as const;

const ORDER_ACTIONS = "app/(portal)/orders/actions.ts";
const AFTER_ACTIONS = "app/(portal)/orders/[id]/actions.ts";
const APPROVAL_ACTIONS = "app/(portal)/approvals/actions.ts";

/** 200 for `allowed`, `rest` for everyone else. */
const only = <T>(allowed: readonly Who[], yes: T, rest: T): Record<Who, T> =>
  Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? yes : rest])) as Record<Who, T>;

async function inputFor(product: 777 | 781, tag: string) {
  const subject =
    product === 781
      ? { commonName: `Matrix Seal ${tag}`, organizationName: "Example GmbH", countryName: "DE" }
      : { commonName: `Matrix Person ${tag}`, countryName: "DE" };
  const csr = await makeCsr({ subject });
  return minimalInput(getProduct(product)!, { person: csr } as Parameters<typeof minimalInput>[1]) as Record<
    string,
    unknown
  >;
}

/** A requester's order for the organization through the wizard's two actions; returns its ids. */
async function order(
  request: APIRequestContext,
  organizationId: string,
  input: Record<string, unknown>,
  submit: boolean,
): Promise<{ id: string; number: string; version: number }> {
  const created = await postAction(request, "/orders/new", [ORDER_ACTIONS, "saveDraftAction"], {
    input,
    step: "review",
    test: false,
    organizationId,
  });
  expect(created.ok, JSON.stringify(created)).toBe(true);
  const { orderId, externalOrderNumber, version } = created.data as {
    orderId: string;
    externalOrderNumber: string;
    version: number;
  };
  if (submit) {
    const sent = await postAction(request, `/orders/${orderId}/edit`, [ORDER_ACTIONS, "submitOrderAction"], {
      orderId,
      version,
      input,
      test: false,
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
  }
  return { id: orderId, number: externalOrderNumber, version };
}

/** The status a GET answered (redirects not followed). */
async function get(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(path, { maxRedirects: 0 })).status();
}

/** An action's outcome as one word: ok, or the refusal's code (not_found, forbidden, conflict…). */
const outcome = (answer: ActionAnswer) =>
  answer.redirect || answer.ok
    ? "ok"
    : answer.status !== 200
      ? `http ${answer.status}`
      : (answer.code ?? "refused");

test.describe.configure({ mode: "serial" });

test("every role of an organization, another organization's member, support and admin get exactly what they may, and a removed member loses it at once", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const started = Date.now();
  // The people: four roles of one organization (its founder, who holds every role, stays out of
  // the matrix), and an outsider with an organization of their own.
  const staffPage = async (email: string) => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email, DEMO_PASSWORD);
    return page;
  };
  const [founder, owner, requester, approver, viewer, outsider, support] = await Promise.all([
    httpPerson(browser, "org-founder"),
    httpPerson(browser, "org-owner"),
    httpPerson(browser, "org-requester", { name: "Rita Requester", verify: true }),
    httpPerson(browser, "org-approver"),
    httpPerson(browser, "org-viewer"),
    httpPerson(browser, "org-outsider"),
    staffPage(demo.support),
  ]);
  // After the requester's confirmation, whose mail the demo admin reads: one authenticator code at
  // a time for that account.
  const admin = await staffPage(demo.admin);
  const create = (page: Page, name: string) =>
    postAction(
      page.context().request,
      "/organizations",
      ["app/(portal)/organizations/actions.ts", "createOrganizationAction"],
      { name },
    );
  const orgName = `Matrix ${Date.now().toString(36)} GmbH`;
  const made = await create(founder.page, orgName);
  const orgId = /\/organizations\/([^/?#;]+)/.exec(made.redirect ?? "")?.[1];
  expect(orgId, JSON.stringify(made)).toBeTruthy();
  await create(outsider.page, `Elsewhere ${Date.now().toString(36)} BV`);
  const founderRequest = founder.page.context().request;
  await Promise.all([
    joinOverHttp(founderRequest, owner, orgId!, ["OWNER"]),
    joinOverHttp(founderRequest, requester, orgId!, ["REQUESTER"]),
    joinOverHttp(founderRequest, approver, orgId!, ["APPROVER"]),
    joinOverHttp(founderRequest, viewer, orgId!, ["VIEWER"]),
  ]);
  const ownerRequest = owner.page.context().request;

  // The orders: one issued, one waiting for the approver, one draft.
  const r = requester.page.context().request;
  const tag = Date.now().toString(36);
  const issued = await order(r, orgId!, await inputFor(777, `${tag}-i`), true);
  const awaiting = await order(r, orgId!, await inputFor(781, `${tag}-a`), true);
  const draft = await order(r, orgId!, { product: 777 }, false);
  const [atCa] = (await sandboxOrders(issued.number)) as { orderNumber: string }[];
  expect((await sandboxOrders(awaiting.number)).length).toBe(0);
  const advanced = await fetch(`${SANDBOX}/sandbox/orders/${atCa!.orderNumber}/advance?to=issued&force=1`, {
    method: "POST",
  });
  expect(advanced.status).toBe(200);
  // The portal's status check collects the certificate within a few seconds.
  await expect.poll(() => get(r, `/orders/${issued.id}/certificate/pem`), { timeout: 15_000 }).toBe(200);
  const setUp = Date.now() - started;

  const requestOf: Record<Who, APIRequestContext> = {
    owner: ownerRequest,
    requester: r,
    approver: approver.page.context().request,
    viewer: viewer.page.context().request,
    outsider: outsider.page.context().request,
    support: support.context().request,
    admin: admin.context().request,
  };
  const everyone = [...MEMBERS, "support", "admin"] as const;
  const routes: [string, Record<Who, number>][] = [
    [`/orders/${issued.id}`, only(everyone, 200, 404)],
    [`/orders/${issued.id}/certificate/pem`, only(everyone, 200, 404)],
    [`/orders/${issued.id}/certificate/p7b`, only(everyone, 200, 404)],
    [`/orders/${awaiting.id}`, only(everyone, 200, 404)],
    [`/orders/${draft.id}/edit`, only(["requester", "support", "admin"], 200, 404)],
    [`/approvals/${awaiting.id}`, only(["approver"], 200, 404)],
  ];
  const failures: string[] = [];
  for (const who of WHO) {
    for (const [path, expected] of routes) {
      const status = await get(requestOf[who], path);
      if (status !== expected[who])
        failures.push(`GET ${path} as ${who}: expected ${expected[who]}, got ${status}`);
    }
    // The lists: the organization's orders in the history, the waiting one in the approver's queue.
    const history = await (await requestOf[who].get("/orders")).text();
    const listed = history.includes(issued.number);
    if (listed !== (MEMBERS as readonly string[]).includes(who))
      failures.push(`/orders as ${who}: ${listed ? "lists" : "does not list"} the organization's order`);
    const queue = await requestOf[who].get("/approvals", { maxRedirects: 0 });
    const queued = queue.status() === 200 && (await queue.text()).includes(awaiting.number);
    if (queued !== (who === "approver")) failures.push(`/approvals as ${who}: queued=${queued}`);
  }

  // The actions, posted with each person's session. Arguments that would change something are
  // chosen to be refused by the order's state after the membership check (a revoke of an order
  // not issued, a decision at a version that never was), so every cell sees the same orders; the
  // codes after "ok" are those states answering, which only someone let through can hear.
  const actions: [string, string, [string, string], (who: Who) => unknown, Record<Who, string>][] = [
    [
      "refresh the status",
      `/orders/${issued.id}`,
      [AFTER_ACTIONS, "refreshStatusAction"],
      // An issued order's status is no longer asked: the state answers whoever got through.
      () => ({ orderId: issued.id }),
      only(everyone, "not_allowed", "not_found"),
    ],
    [
      "revoke",
      `/orders/${awaiting.id}`,
      [AFTER_ACTIONS, "cancelOrRevokeAction"],
      () => ({ orderId: awaiting.id, action: "revoke", reasonCode: 5, reasonText: "", confirm: "yes" }),
      only(["requester", "support", "admin"], "not_allowed", "not_found"),
    ],
    [
      "approve",
      `/approvals/${awaiting.id}`,
      [APPROVAL_ACTIONS, "approveOrderAction"],
      () => ({ orderId: awaiting.id, version: 999_999 }),
      only(["approver"], "conflict", "not_found"),
    ],
    [
      "reject",
      `/approvals/${awaiting.id}`,
      [APPROVAL_ACTIONS, "rejectOrderAction"],
      () => ({ orderId: awaiting.id, version: 999_999, reason: "matrix" }),
      only(["approver"], "conflict", "not_found"),
    ],
    [
      "withdraw to edit",
      `/orders/${awaiting.id}`,
      [AFTER_ACTIONS, "withdrawOrderAction"],
      () => ({ orderId: awaiting.id, version: 999_999 }),
      only(["requester"], "conflict", "not_found"),
    ],
    [
      "save the requester's draft",
      `/orders/${draft.id}/edit`,
      [ORDER_ACTIONS, "saveDraftAction"],
      () => ({ orderId: draft.id, version: 999_999, input: { product: 777 }, step: "product", test: false }),
      { ...only(["requester"], "conflict", "not_found"), support: "not_allowed", admin: "not_allowed" },
    ],
    [
      "delete the requester's draft",
      "/orders",
      [ORDER_ACTIONS, "deleteDraftAction"],
      // The requester's own delete comes last, below: it would leave nothing for the others.
      () => ({ orderId: draft.id }),
      { ...only([], "ok", "not_found"), requester: "skip" },
    ],
    [
      "start an order for the organization",
      "/orders/new",
      [ORDER_ACTIONS, "saveDraftAction"],
      () => ({ input: { product: 777 }, step: "product", test: false, organizationId: orgId }),
      only(["requester"], "ok", "forbidden"),
    ],
    [
      "renew the issued order",
      `/orders/${issued.id}`,
      [AFTER_ACTIONS, "renewOrderAction"],
      () => ({ orderId: issued.id, key: "new" }),
      { ...only(["requester"], "ok", "not_found"), support: "forbidden", admin: "forbidden" },
    ],
  ];
  for (const [what, path, action, args, expected] of actions) {
    for (const who of WHO) {
      if (expected[who] === "skip") continue;
      const got = outcome(await postAction(requestOf[who], path, action, args(who)));
      if (got !== expected[who]) failures.push(`${what} as ${who}: expected ${expected[who]}, got ${got}`);
    }
  }
  const deleted = await postAction(r, "/orders", [ORDER_ACTIONS, "deleteDraftAction"], {
    orderId: draft.id,
  });
  if (outcome(deleted) !== "ok") failures.push(`delete the draft as requester: got ${outcome(deleted)}`);
  // Nothing of that reached the CA: the waiting order is still only in the portal.
  expect(await sandboxOrders(awaiting.number)).toHaveLength(0);
  expect(failures).toEqual([]);

  // The owner removes the viewer on the members page; the viewer's open session, at its very next
  // request, finds nothing, in the browser as over HTTP.
  const v = viewer.page;
  await v.goto(`/orders/${issued.id}`);
  await expect(v.getByRole("heading", { level: 1 })).toContainText(issued.number);
  const o = owner.page;
  await o.goto(`/organizations/${orgId}`);
  const row = o.getByTestId("member").filter({ hasText: viewer.email });
  await row.getByText(/Change roles or remove/).click();
  o.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: /^Remove/ }).click();
  await expect(o.getByTestId("member")).toHaveCount(4);
  await v.reload();
  await expect(v.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await get(requestOf.viewer, `/orders/${issued.id}/certificate/pem`)).toBe(404);
  const refresh = [AFTER_ACTIONS, "refreshStatusAction"] as [string, string];
  expect(
    outcome(await postAction(requestOf.viewer, `/orders/${issued.id}`, refresh, { orderId: issued.id })),
  ).toBe("not_found");
  await v.goto("/orders");
  await expect(v.getByRole("link", { name: issued.number })).toHaveCount(0);
  console.log(`organization matrix: set-up ${setUp} ms, checks ${Date.now() - started - setUp} ms`);
});
