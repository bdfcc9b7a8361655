import "server-only";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { keysetQuery, toPage, type Page, type PageRequest } from "@/lib/db/keyset";
import { escapeLike } from "@/lib/db/like";
import { recordAudit } from "@/lib/audit/record";
import { endSessionsInTransaction } from "@/lib/auth/sessions";
import { EmailTakenError, type SessionUser } from "@/lib/users/data";
import { normalizeEmail } from "@/lib/users/schemas";
import { Refusal } from "@/lib/refusal";

export const USERS_PAGE_SIZE = 50;

/** The rules of user administration that can refuse a change the admin may otherwise make. */
export type UserAdminRule = "self" | "last_admin" | "unchanged";

/** A change refused by one of those rules; `message` is written for the admin who tried it. */
export class UserAdminError extends Refusal {
  constructor(
    readonly rule: UserAdminRule,
    message: string,
  ) {
    super("not_allowed", message);
    this.name = "UserAdminError";
  }
}

export interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  orderCount: number;
}

export interface UserListFilters {
  query?: string;
  role?: Role;
  status?: "enabled" | "disabled";
}

// Never the password hash: these rows go to admin pages.
const rowSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  _count: { select: { orders: true } },
} as const;

type SelectedRow = Prisma.UserGetPayload<{ select: typeof rowSelect }>;

function toRow({ _count, ...user }: SelectedRow): AdminUserRow {
  return { ...user, orderCount: _count.orders };
}

/** Users matching the filters, newest first, one keyset page at a time: admins only. */
export async function listUsers(
  admin: SessionUser,
  filters: UserListFilters = {},
  page: PageRequest = {},
): Promise<Page<AdminUserRow>> {
  assertRole(admin, ADMIN, "manage users");
  const prisma = await db();
  const needle = escapeLike(filters.query?.trim() ?? "");
  const keyset = keysetQuery(page, USERS_PAGE_SIZE);
  const where: Prisma.UserWhereInput = {
    AND: [
      needle
        ? // E-mails are stored lower-cased, so a lower-cased needle is a case-insensitive match.
          {
            OR: [
              { email: { contains: needle.toLowerCase() } },
              { name: { contains: needle, mode: "insensitive" } },
            ],
          }
        : {},
      filters.role ? { role: filters.role } : {},
      filters.status ? { disabled: filters.status === "disabled" } : {},
      keyset.where,
    ],
  };
  const fetched = await prisma.user.findMany({
    where,
    orderBy: keyset.orderBy,
    take: keyset.take,
    select: rowSelect,
  });
  return toPage(page, USERS_PAGE_SIZE, fetched.map(toRow));
}

/** One user as the admin pages show them, or null: admins only. */
export async function getUserForAdmin(admin: SessionUser, id: string): Promise<AdminUserRow | null> {
  assertRole(admin, ADMIN, "manage users");
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id }, select: rowSelect });
  return user ? toRow(user) : null;
}

/**
 * Locks the rows of all enabled admins for the rest of the transaction and confirms the actor is
 * one of them. Every admin change takes these locks, so two admins demoting or disabling each other
 * at the same moment are serialised and the second sees the first's result: the portal cannot
 * lose its last admin, and an admin removed a moment ago cannot act any more.
 */
async function lockEnabledAdmins(tx: Prisma.TransactionClient, actor: SessionUser): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "disabled" = false ORDER BY "id" FOR UPDATE`;
  const ids = rows.map((r) => r.id);
  if (!ids.includes(actor.id)) {
    throw new Refusal("forbidden", "Your account is no longer an enabled administrator.");
  }
  return ids;
}

async function findTarget(tx: Prisma.TransactionClient, id: string) {
  const target = await tx.user.findUnique({
    where: { id },
    select: { id: true, email: true, role: true, disabled: true },
  });
  if (!target) throw new Refusal("not_found", "This user does not exist.");
  return target;
}

function isLastEnabledAdmin(
  target: { id: string; role: Role; disabled: boolean },
  enabledAdmins: string[],
): boolean {
  return target.role === "ADMIN" && !target.disabled && enabledAdmins.every((id) => id === target.id);
}

const conflict = () =>
  new Refusal("conflict", "Someone else changed this user meanwhile. Reload the page and try again.");

/** Creates an account with any role, audited as `user.created`: admins only. */
export async function createAccount(
  admin: SessionUser,
  input: { name: string; email: string; password: string; role: Role },
): Promise<AdminUserRow> {
  assertRole(admin, ADMIN, "manage users");
  return insertAccount(input, { actor: admin });
}

/**
 * Creates an account on the server's command line (`npm run create-admin`), where nobody is
 * signed in: audited as `user.created` without an actor, saying how it was made.
 */
export async function createAccountFromCommandLine(input: {
  name: string;
  email: string;
  password: string;
  role: Role;
}): Promise<AdminUserRow> {
  return insertAccount(input, { actor: null, reason: "Created on the server with npm run create-admin" });
}

async function insertAccount(
  input: { name: string; email: string; password: string; role: Role },
  audit: { actor: SessionUser | null; reason?: string },
): Promise<AdminUserRow> {
  const prisma = await db();
  // Hashing is deliberately slow; do it before the transaction holds any locks.
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.$transaction(async (tx) => {
      if (audit.actor) await lockEnabledAdmins(tx, audit.actor);
      const user = await tx.user.create({
        // An admin types the address of an account they vouch for: it counts as confirmed.
        data: {
          name: input.name.trim(),
          email: normalizeEmail(input.email),
          passwordHash,
          role: input.role,
          emailVerifiedAt: new Date(),
        },
        select: rowSelect,
      });
      await recordAudit(tx, {
        actorId: audit.actor?.id ?? null,
        action: "user.created",
        targetUserId: user.id,
        reason: audit.reason,
        details: { email: user.email, role: user.role },
      });
      return toRow(user);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new EmailTakenError();
    throw error;
  }
}

/**
 * Changes a user's role, audited as `user.role_changed`. `expectedRole` is the role the admin saw;
 * if it changed meanwhile the update is refused rather than silently overwriting the other change.
 */
export async function changeUserRole(
  admin: SessionUser,
  input: { userId: string; role: Role; expectedRole?: Role; reason: string },
): Promise<AdminUserRow> {
  assertRole(admin, ADMIN, "manage users");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx, admin);
    const target = await findTarget(tx, input.userId);
    if (input.expectedRole && target.role !== input.expectedRole) throw conflict();
    if (target.role === input.role) {
      throw new UserAdminError(
        "unchanged",
        `${target.email} already has the role ${input.role.toLowerCase()}.`,
      );
    }
    if (target.role === "ADMIN" && isLastEnabledAdmin(target, admins)) {
      throw new UserAdminError(
        "last_admin",
        "This is the only enabled administrator; make someone else an administrator first.",
      );
    }
    if (target.id === admin.id)
      throw new UserAdminError("self", "You cannot remove your own administrator role.");
    const { count } = await tx.user.updateMany({
      where: { id: target.id, role: target.role },
      data: { role: input.role },
    });
    if (count !== 1) throw conflict();
    await recordAudit(tx, {
      actorId: admin.id,
      action: "user.role_changed",
      targetUserId: target.id,
      reason: input.reason,
      details: { from: target.role, to: input.role },
    });
    return toRow(await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: rowSelect }));
  });
}

/** Disables or re-enables a user, audited as `user.disabled` / `user.enabled`: admins only. */
export async function setUserDisabled(
  admin: SessionUser,
  input: { userId: string; disabled: boolean; reason: string },
): Promise<AdminUserRow> {
  assertRole(admin, ADMIN, "manage users");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const admins = await lockEnabledAdmins(tx, admin);
    const target = await findTarget(tx, input.userId);
    if (target.disabled === input.disabled) {
      throw new UserAdminError(
        "unchanged",
        `${target.email} is already ${input.disabled ? "disabled" : "enabled"}.`,
      );
    }
    if (input.disabled && isLastEnabledAdmin(target, admins)) {
      throw new UserAdminError(
        "last_admin",
        "This is the only enabled administrator and cannot be disabled.",
      );
    }
    if (input.disabled && target.id === admin.id) {
      throw new UserAdminError("self", "You cannot disable your own account.");
    }
    const { count } = await tx.user.updateMany({
      where: { id: target.id, disabled: target.disabled },
      data: { disabled: input.disabled },
    });
    if (count !== 1) throw conflict();
    // A disabled account is signed out everywhere at once, and enabling it again later does not
    // bring those sessions back.
    if (input.disabled) await endSessionsInTransaction(tx, target.id);
    const status = (disabled: boolean) => (disabled ? "disabled" : "enabled");
    await recordAudit(tx, {
      actorId: admin.id,
      action: input.disabled ? "user.disabled" : "user.enabled",
      targetUserId: target.id,
      reason: input.reason,
      details: { from: status(target.disabled), to: status(input.disabled) },
    });
    return toRow(await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: rowSelect }));
  });
}
