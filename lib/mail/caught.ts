import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { isDemoMail } from "@/lib/mail/config";
import type { SessionUser } from "@/lib/users/data";

// The demo catcher's messages, for admins, and only while the catcher is in use (SMTP_URL
// unset): with a real mail server nothing is caught and the page does not exist.

function guard(actor: SessionUser): void {
  if (!isDemoMail() || actor.role !== "ADMIN") notFound();
}

export interface CaughtMailRow {
  id: string;
  receivedAt: Date;
  recipients: string[];
  subject: string;
}

/** The newest caught mails, optionally only those to one address. */
export async function listCaughtMail(actor: SessionUser, to?: string, limit = 50): Promise<CaughtMailRow[]> {
  guard(actor);
  const address = to?.trim().toLowerCase();
  return (await db()).caughtMail.findMany({
    where: address ? { recipients: { has: address } } : undefined,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, receivedAt: true, recipients: true, subject: true },
  });
}

/** One caught mail with both parts; 404 when there is none. */
export async function getCaughtMail(actor: SessionUser, id: string) {
  guard(actor);
  const mail = await (await db()).caughtMail.findUnique({ where: { id } });
  if (!mail) notFound();
  return { ...mail, headers: mail.headers as Record<string, string> };
}
