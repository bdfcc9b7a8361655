import "server-only";
import { randomBytes } from "node:crypto";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/config";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/users/data";
import { secondFactorState, type SecondFactorState } from "@/lib/auth/two-factor/state";

// A session token is a signed JWT that carries the id of one UserSession row. The row is checked
// on every request (Auth.js's jwt callback), so deleting it ends the session at once, including
// every copy of the cookie: sign-out, "sign out everywhere", "sign out that session" and an
// admin disabling the account all delete rows.

// lastSeenAt is only written when it is this old, so a busy page costs one read, not one write.
export const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
const MAX_USER_AGENT = 300;

const staleBefore = (now: number) => new Date(now - SESSION_MAX_AGE_SECONDS * 1000);

/** Records a new signed-in browser and returns its session id (the only thing the token holds). */
export async function createSession(
  userId: string,
  client: { userAgent?: string | null; address?: string | null },
): Promise<string> {
  const prisma = await db();
  const id = randomBytes(24).toString("base64url");
  const now = Date.now();
  await prisma.$transaction([
    // Sessions that expired unused are dropped here, so the table stays as small as the user base.
    prisma.userSession.deleteMany({ where: { userId, lastSeenAt: { lt: staleBefore(now) } } }),
    prisma.userSession.create({
      data: {
        id,
        userId,
        userAgent: client.userAgent?.slice(0, MAX_USER_AGENT) || null,
        address: client.address && client.address !== "unknown" ? client.address : null,
      },
    }),
  ]);
  return id;
}

/**
 * The user of a live session as the database sees them now, or null when the session was ended,
 * has expired or the account is disabled.
 */
export async function getSessionUser(sessionId: string): Promise<SessionUser | null> {
  return (await getSessionCheck(sessionId))?.user ?? null;
}

/** The live session's user and where the session stands with its second factor. */
export async function getSessionCheck(
  sessionId: string,
): Promise<{ user: SessionUser; secondFactor: SecondFactorState } | null> {
  const prisma = await db();
  const row = await prisma.userSession.findUnique({
    where: { id: sessionId },
    select: {
      lastSeenAt: true,
      secondFactorAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          disabled: true,
          totp: { select: { confirmedAt: true } },
          _count: { select: { passkeys: true } },
        },
      },
    },
  });
  const now = Date.now();
  if (!row || row.user.disabled) return null;
  if (row.lastSeenAt < staleBefore(now)) {
    await prisma.userSession.deleteMany({ where: { id: sessionId } });
    return null;
  }
  if (now - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    // Conditional, so parallel requests of one page write it once.
    await prisma.userSession.updateMany({
      where: { id: sessionId, lastSeenAt: row.lastSeenAt },
      data: { lastSeenAt: new Date(now) },
    });
  }
  const { id, email, name, role, totp, _count } = row.user;
  const hasFactor = Boolean(totp?.confirmedAt) || _count.passkeys > 0;
  return {
    user: { id, email, name, role },
    secondFactor: secondFactorState({ role, verifiedAt: row.secondFactorAt, hasFactor }),
  };
}

/** Records that the session passed its second factor: from now on it is fully signed in. */
export async function markSecondFactorPassed(sessionId: string): Promise<void> {
  const prisma = await db();
  await prisma.userSession.updateMany({ where: { id: sessionId }, data: { secondFactorAt: new Date() } });
}

/** Ends one session by its id (sign-out of the browser that holds it). */
export async function endSession(sessionId: string): Promise<void> {
  const prisma = await db();
  await prisma.userSession.deleteMany({ where: { id: sessionId } });
}

export interface SessionRow {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

/** The signed-in user's own live sessions, the current one first, then most recently seen. */
export async function listSessionsForUser(
  user: SessionUser,
  currentSessionId: string | undefined,
): Promise<SessionRow[]> {
  const prisma = await db();
  const rows = await prisma.userSession.findMany({
    where: { userId: user.id, lastSeenAt: { gte: staleBefore(Date.now()) } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, address: true },
    take: 100,
  });
  return rows
    .map((r) => ({ ...r, current: r.id === currentSessionId }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions; false when it is not theirs or already ended. */
export async function endSessionOfUser(user: SessionUser, sessionId: string): Promise<boolean> {
  const prisma = await db();
  const { count } = await prisma.userSession.deleteMany({ where: { id: sessionId, userId: user.id } });
  return count === 1;
}

/** Ends every session of the user ("sign out everywhere"); returns how many were ended. */
export async function endAllSessionsOfUser(user: SessionUser): Promise<number> {
  const prisma = await db();
  const { count } = await prisma.userSession.deleteMany({ where: { userId: user.id } });
  return count;
}

/** Inside an admin's transaction: ends every session of the account being disabled. */
export async function endSessionsInTransaction(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.userSession.deleteMany({ where: { userId } });
}
