import "server-only";
import { db } from "@/lib/db";

// One open WebAuthn challenge per session, kept on its UserSession row (never in the browser)
// and spent by a conditional write: a response can be checked against it once, within its time.
const CHALLENGE_MS = 5 * 60 * 1000;
export type ChallengeKind = "register" | "authenticate";

export async function storeChallenge(
  sessionId: string,
  kind: ChallengeKind,
  challenge: string,
): Promise<void> {
  const prisma = await db();
  await prisma.userSession.updateMany({
    where: { id: sessionId },
    data: { challenge, challengeKind: kind, challengeExpiresAt: new Date(Date.now() + CHALLENGE_MS) },
  });
}

/** The session's open challenge of that kind, removed as it is read; null when none or lapsed. */
export async function takeChallenge(sessionId: string, kind: ChallengeKind): Promise<string | null> {
  const prisma = await db();
  const row = await prisma.userSession.findUnique({
    where: { id: sessionId },
    select: { challenge: true, challengeKind: true, challengeExpiresAt: true },
  });
  if (!row?.challenge || row.challengeKind !== kind) return null;
  const { count } = await prisma.userSession.updateMany({
    where: { id: sessionId, challenge: row.challenge },
    data: { challenge: null, challengeKind: null, challengeExpiresAt: null },
  });
  if (count !== 1 || !row.challengeExpiresAt || row.challengeExpiresAt.getTime() < Date.now()) return null;
  return row.challenge;
}
