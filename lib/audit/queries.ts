import "server-only";
import { ADMIN, assertRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { utcDayBounds, type AuditFilters } from "@/lib/audit/filters";
import { escapeLike } from "@/lib/db/like";
import { keysetQuery, toPage, type Page, type PageRequest } from "@/lib/db/keyset";
import { USER_AUDIT_ACTIONS } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/users/data";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEventRow {
  id: string;
  action: string;
  reason: string | null;
  details: Prisma.JsonValue | null;
  createdAt: Date;
  actor: { id: string; email: string; name: string } | null;
  targetUser: { id: string; email: string } | null;
  order: { id: string; externalOrderNumber: string } | null;
}

const rowSelect = {
  id: true,
  action: true,
  reason: true,
  details: true,
  createdAt: true,
  actor: { select: { id: true, email: true, name: true } },
  targetUser: { select: { id: true, email: true } },
  order: { select: { id: true, externalOrderNumber: true } },
} as const;

function whereOf(filters: AuditFilters): Prisma.AuditEventWhereInput[] {
  const where: Prisma.AuditEventWhereInput[] = [];
  if (filters.action) where.push({ action: filters.action });
  if (filters.actor) where.push({ actor: { email: { contains: escapeLike(filters.actor.toLowerCase()) } } });
  if (filters.order) where.push({ order: { externalOrderNumber: filters.order } });
  if (filters.request) where.push({ requestId: filters.request });
  if (filters.targetUserId) where.push({ targetUserId: filters.targetUserId });
  if (filters.from) where.push({ createdAt: { gte: utcDayBounds(filters.from).start } });
  if (filters.to) where.push({ createdAt: { lt: utcDayBounds(filters.to).next } });
  return where;
}

/** Audit events matching the filters, newest first, one keyset page at a time: admins only. */
export async function listAuditEvents(
  user: SessionUser,
  filters: AuditFilters = {},
  page: PageRequest = {},
  size = AUDIT_PAGE_SIZE,
): Promise<Page<AuditEventRow>> {
  // The log names every account and order, so it is for admins only.
  assertRole(user, ADMIN, "read the audit log");
  const prisma = await db();
  const keyset = keysetQuery(page, size);
  const fetched = await prisma.auditEvent.findMany({
    where: { AND: [...whereOf(filters), keyset.where] },
    orderBy: keyset.orderBy,
    take: keyset.take,
    select: rowSelect,
  });
  return toPage(page, size, fetched);
}

/** Every action that occurs in the log (plus the user actions), for the filter's choices. */
export async function listAuditActions(user: SessionUser): Promise<string[]> {
  assertRole(user, ADMIN, "read the audit log");
  const prisma = await db();
  const groups = await prisma.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return [...new Set([...USER_AUDIT_ACTIONS, ...groups.map((g) => g.action)])].sort();
}
