import { db } from "@/lib/db";
import type { OrgRole, Role } from "@/lib/generated/prisma/enums";
import { isRefusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { newUser } from "./order-harness";

// The people of the authorization matrix: one member per role of the same organization, a
// member of another organization, support and admin.

export const WHO = ["owner", "requester", "approver", "viewer", "outsider", "support", "admin"] as const;
export type Who = (typeof WHO)[number];
export type People = Record<Who, SessionUser>;

/** A company organization with the given members (roles as listed, nothing more). */
export async function makeOrganization(
  name: string,
  members: [SessionUser, OrgRole[]][],
  options: { approvalRequired?: boolean } = {},
) {
  const prisma = await db();
  return prisma.organization.create({
    data: {
      name,
      ...options,
      members: { create: members.map(([user, roles]) => ({ userId: user.id, roles })) },
    },
    select: { id: true },
  });
}

export async function makePeople(): Promise<{ people: People; orgId: string; otherOrgId: string }> {
  const customers = await Promise.all(
    ["owner", "requester", "approver", "viewer", "outsider"].map(() => newUser("CUSTOMER" as Role)),
  );
  const [owner, requester, approver, viewer, outsider] = customers as [
    SessionUser,
    SessionUser,
    SessionUser,
    SessionUser,
    SessionUser,
  ];
  // Orders are sent at once: this matrix is about who may see and do what; the approval step
  // has its own tests (order-approval.test.ts).
  const org = await makeOrganization(
    "Acme GmbH",
    [
      [owner, ["OWNER"]],
      [requester, ["REQUESTER"]],
      [approver, ["APPROVER"]],
      [viewer, ["VIEWER"]],
    ],
    { approvalRequired: false },
  );
  // The outsider holds every role, but in another organization.
  const other = await makeOrganization("Other AG", [
    [outsider, ["OWNER", "REQUESTER", "APPROVER", "VIEWER"]],
  ]);
  const people: People = {
    owner,
    requester,
    approver,
    viewer,
    outsider,
    support: await newUser("SUPPORT"),
    admin: await newUser("ADMIN"),
  };
  return { people, orgId: org.id, otherOrgId: other.id };
}

/** What a call came to: a value ("ok"), nothing ("none": null, or an empty list) or a refusal's code. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    const value = await call();
    if (value === null || value === undefined || value === false) return "none";
    return "ok";
  } catch (error) {
    if (isRefusal(error)) return error.code;
    throw error;
  }
}

/** Every order of the database with what a refused action must leave alone. */
export async function orderSnapshot() {
  const prisma = await db();
  const orders = await prisma.order.findMany({
    orderBy: { id: "asc" },
    select: {
      id: true,
      status: true,
      version: true,
      updatedAt: true,
      input: true,
      tracking: { select: { revocationRequestedAt: true, nextCheckAt: true } },
    },
  });
  const attempts = await prisma.orderAttempt.count();
  return JSON.stringify({ orders, attempts });
}
