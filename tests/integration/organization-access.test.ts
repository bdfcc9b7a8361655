import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { claimDueChecks, markDue, runCheck, type TrackingSettings } from "@/lib/orders/lifecycle/track";
import { changeDcvMethod } from "@/lib/orders/commands/dcv";
import { createDraft, deleteDraft, getEditableOrder, saveDraft } from "@/lib/orders/commands/drafts";
import { requestStatusRefresh } from "@/lib/orders/commands/refresh-status";
import { renewOrder } from "@/lib/orders/commands/renew";
import { cancelOrRevoke } from "@/lib/orders/commands/revoke";
import { submitOrder } from "@/lib/orders/commands/submit";
import type { DraftInput } from "@/lib/orders/model/draft-input";
import { adminOrderFiltersSchema } from "@/lib/orders/model/search-params";
import { getCertificateForViewer, getOrderForViewer } from "@/lib/orders/queries/customer-order";
import { isStaff } from "@/lib/orders/queries/access";
import {
  findOrdersForStaff,
  hasAnyListedOrder,
  listAdminOrders,
  listCustomerDrafts,
  listCustomerOrders,
} from "@/lib/orders/queries/search";
import { removeMember } from "@/lib/organizations/members";
import { getProduct } from "@/lib/sectigo/products";
import type { SessionUser } from "@/lib/users/data";
import { testCsrs } from "@/tests/sectigo/support/csrs";
import { minimalInput } from "@/tests/sectigo/support/orders";
import { startTestbed, submitAs, type Testbed } from "./order-harness";
import { makePeople, orderSnapshot, outcomeOf, WHO, type People, type Who } from "./organization-fixture";

// The authorization matrix of issue 15: every role of one organization, a member of another
// organization, support and admin, against every order data function and command in lib/orders,
// with the actual outcome of each call. A refused call must leave every order row as it was.
vi.mock("@/lib/auth", () => ({ auth: async () => null }));

let bed: Testbed;
let prisma: PrismaClient;
let people: People;
let orgId: string;
let input: DraftInput;
let placed: string;
let issued: string;
const settings: TrackingSettings = {
  minSeconds: 60,
  maxSeconds: 3600,
  perMinute: 1000,
  leaseSeconds: 60,
  minGapSeconds: 0,
  trustedRoots: [],
};
const reason = { reasonCode: 5 as const, reasonText: "", confirm: "yes" as const };

/** A requester's order for the organization, sent to the sandbox CA. */
async function placeForOrg(user: SessionUser): Promise<{ id: string; number: string }> {
  const draft = await createDraft(user, { product: 781 } as DraftInput, "review", false, {
    organizationId: orgId,
  });
  const sent = await submitAs(user, { orderId: draft.id, input, test: false });
  expect(sent).toMatchObject({ ok: true, status: "PLACED" });
  const row = await prisma.order.findUniqueOrThrow({ where: { id: draft.id } });
  return { id: draft.id, number: row.sectigoOrderNumber! };
}

async function issue(order: { id: string; number: string }) {
  const response = await fetch(
    `${bed.sandbox.url}/sandbox/orders/${order.number}/advance?to=issued&force=1`,
    {
      method: "POST",
    },
  );
  expect(response.ok).toBe(true);
  await markDue(prisma, order.id);
  const lease = (await claimDueChecks(prisma, settings)).find((l) => l.orderId === order.id);
  expect(await runCheck(prisma, bed.client, lease!, settings)).toMatchObject({ status: "ISSUED" });
}

const draftFor = (user: SessionUser) =>
  createDraft(user, { product: 781 } as DraftInput, "product", false, { organizationId: orgId });

beforeAll(async () => {
  bed = await startTestbed("org_access");
  prisma = await db();
  ({ people, orgId } = await makePeople());
  input = minimalInput(getProduct(781)!, await testCsrs()) as DraftInput;
  placed = (await placeForOrg(people.requester)).id;
  const toIssue = await placeForOrg(people.requester);
  await issue(toIssue);
  issued = toIssue.id;
}, 120_000);
afterAll(async () => {
  await bed?.close();
});

/** Whether the order is in the list this user works from: history, admin list, support's search. */
const listed = async (user: SessionUser, id: string) => {
  if (user.role === "SUPPORT") {
    const { externalOrderNumber: q } = await prisma.order.findUniqueOrThrow({ where: { id } });
    return (await findOrdersForStaff(user, { q })).some((row) => row.id === id);
  }
  const page = isStaff(user)
    ? await listAdminOrders(user, adminOrderFiltersSchema.parse({}))
    : await listCustomerOrders(user, {});
  return page.rows.some((row) => row.id === id);
};

type Row = {
  what: string;
  /** Runs the call as `user`; `fresh` is a draft of the requester's made for this cell. */
  run: (user: SessionUser, fresh: { id: string; version: number }) => Promise<unknown>;
  expected: Record<Who, string>;
  /** The call changes rows when allowed (so it gets a fresh draft per cell). */
  needsDraft?: boolean;
};

// ok: the call did it; none: nothing came back (not visible); other values: the refusal's code.
// not_allowed on the DCV and cancel rows is the order's state (not a QWAC; already issued)
// answering after the membership check let the caller through.
const R = (o: Partial<Record<Who, string>>, rest: string): Record<Who, string> =>
  Object.fromEntries(WHO.map((w) => [w, o[w] ?? rest])) as Record<Who, string>;
const MEMBERS_AND_STAFF = {
  owner: "ok",
  requester: "ok",
  approver: "ok",
  viewer: "ok",
  support: "ok",
  admin: "ok",
};

const MATRIX: Row[] = [
  {
    what: "read the order",
    run: (u) => getOrderForViewer(u, placed),
    expected: R(MEMBERS_AND_STAFF, "none"),
  },
  { what: "list it in the history", run: (u) => listed(u, placed), expected: R(MEMBERS_AND_STAFF, "none") },
  {
    what: "download the certificate",
    run: (u) => getCertificateForViewer(u, issued),
    expected: R(MEMBERS_AND_STAFF, "none"),
  },
  {
    what: "refresh the status",
    run: (u) => requestStatusRefresh(u, placed).then(() => true),
    expected: R(MEMBERS_AND_STAFF, "not_found"),
  },
  {
    what: "change DCV",
    run: (u) =>
      changeDcvMethod(
        u,
        { orderId: placed, domainName: "example.eu", method: "EMAIL", email: "" },
        bed.client,
      ),
    expected: R({ requester: "not_allowed", support: "not_allowed", admin: "not_allowed" }, "not_found"),
  },
  {
    what: "cancel or revoke",
    // Revoking an order not yet issued is refused by its state, before any call to the CA.
    run: (u) => cancelOrRevoke(u, { orderId: placed, action: "revoke", ...reason }, bed.client),
    expected: R({ requester: "conflict", support: "conflict", admin: "conflict" }, "not_found"),
  },
  {
    what: "renew",
    run: (u) => renewOrder(u, issued, { reuseKey: false }),
    // Staff pass the order check but cannot write a draft for a customer's organization.
    expected: R({ requester: "ok", support: "forbidden", admin: "forbidden" }, "not_found"),
  },
  {
    what: "create a draft for the organization",
    run: (u) => draftFor(u),
    expected: R({ requester: "ok" }, "forbidden"),
  },
  {
    what: "open the requester's draft in the wizard",
    run: (u, d) => getEditableOrder(u, d.id),
    expected: R({ requester: "ok", support: "ok", admin: "ok" }, "none"),
    needsDraft: true,
  },
  {
    what: "list the requester's draft",
    run: async (u, d) => (await listCustomerDrafts(u)).some((row) => row.id === d.id),
    expected: R({ requester: "ok" }, "none"),
    needsDraft: true,
  },
  {
    what: "save the requester's draft",
    run: (u, d) =>
      saveDraft(u, d.id, d.version, { product: 781, days: 365 } as DraftInput, "validity", false),
    expected: R({ requester: "ok", support: "not_allowed", admin: "not_allowed" }, "not_found"),
    needsDraft: true,
  },
  {
    what: "submit the requester's draft",
    run: (u, d) =>
      submitOrder(u, { orderId: d.id, version: d.version, input, test: false, overrideUnfinished: false }),
    // Staff send a customer's draft only with a reason (support's own path).
    expected: R({ requester: "ok", support: "not_allowed", admin: "not_allowed" }, "not_found"),
    needsDraft: true,
  },
  {
    what: "delete the requester's draft",
    run: (u, d) => deleteDraft(u, d.id).then(() => true),
    expected: R({ requester: "ok" }, "not_found"),
    needsDraft: true,
  },
];

describe("authorization matrix: role × order function", () => {
  for (const row of MATRIX) {
    test(
      row.what,
      async () => {
        const actual: Record<string, string> = {};
        for (const who of WHO) {
          const draft = row.needsDraft ? await draftFor(people.requester) : { id: "", version: 0 };
          const before = await orderSnapshot();
          actual[who] = await outcomeOf(() => row.run(people[who], draft));
          if (actual[who] !== "ok")
            expect(await orderSnapshot(), `${who}: refused, yet rows changed`).toBe(before);
        }
        expect(actual).toEqual(row.expected);
      },
      60_000,
    );
  }
});

describe("a removed member", () => {
  test("loses access at once: the next call finds nothing", async () => {
    const { people: p, orgId: org } = await makePeople();
    const order = await prisma.order.findUniqueOrThrow({
      where: { id: placed },
      select: { organizationId: true },
    });
    expect(order.organizationId).toBe(orgId);
    // The matrix's viewer sees the organization's order…
    expect(await getOrderForViewer(people.viewer, placed)).not.toBeNull();
    expect(await getCertificateForViewer(people.viewer, issued)).not.toBeNull();
    expect(await listed(people.requester, placed)).toBe(true);
    // The viewer has no order of their own, yet the list is not "You have no orders yet".
    expect(await hasAnyListedOrder(people.viewer)).toBe(true);
    // …until the owner removes them (a new owner here: the matrix's owner holds only OWNER).
    await removeMember(people.owner, orgId, people.viewer.id);
    expect(await getOrderForViewer(people.viewer, placed)).toBeNull();
    expect(await getCertificateForViewer(people.viewer, issued)).toBeNull();
    expect(await listed(people.viewer, placed)).toBe(false);
    expect(await hasAnyListedOrder(people.viewer)).toBe(false);
    expect(await outcomeOf(() => requestStatusRefresh(people.viewer, placed))).toBe("not_found");
    // A removed requester can no longer renew, nor reach the drafts they wrote for it.
    const draft = await draftFor(people.requester);
    await removeMember(people.owner, orgId, people.requester.id);
    expect(await outcomeOf(() => renewOrder(people.requester, issued, { reuseKey: false }))).toBe(
      "not_found",
    );
    expect(await outcomeOf(() => getEditableOrder(people.requester, draft.id))).toBe("none");
    expect(await outcomeOf(() => draftFor(people.requester))).toBe("forbidden");
    expect(await listed(people.requester, placed)).toBe(false);
    // Another organization's member never saw it.
    expect(await getOrderForViewer(p.outsider, placed)).toBeNull();
    expect(await hasAnyListedOrder(p.outsider)).toBe(false);
    expect(org).not.toBe(orgId);
  }, 60_000);
});
