import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyPreferencesToken } from "@/lib/mail/preferences-token";
import { isOptionalKind, kindsFor, LANGUAGES, type OptionalKind } from "@/lib/mail/preference-kinds";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";

// Each user's choice of mail. Read by the worker when a mail is due (so turning a kind off also
// holds back what is already queued) and by the order triggers for the language.

export interface MailPreferences {
  locale: string;
  /** The kinds this user may turn off, each with whether they get it. */
  kinds: { kind: OptionalKind; enabled: boolean }[];
}

export const preferencesInputSchema = z.object({
  locale: z.enum(LANGUAGES.map((l) => l.value) as [string, ...string[]]).default("en"),
  enabled: z.array(z.string().max(40)).max(10).default([]),
});
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;

interface Owner {
  id: string;
  role: SessionUser["role"];
}

async function read(owner: Owner): Promise<MailPreferences> {
  const row = await (await db()).mailPreference.findUnique({ where: { userId: owner.id } });
  const off = new Set(row?.optedOut ?? []);
  return {
    locale: row?.locale ?? "en",
    kinds: kindsFor(owner.role).map((kind) => ({ kind, enabled: !off.has(kind) })),
  };
}

async function write(owner: Owner, input: PreferencesInput): Promise<void> {
  const enabled = new Set(input.enabled.filter(isOptionalKind));
  const optedOut = kindsFor(owner.role).filter((kind) => !enabled.has(kind));
  await (
    await db()
  ).mailPreference.upsert({
    where: { userId: owner.id },
    create: { userId: owner.id, locale: input.locale, optedOut },
    update: { locale: input.locale, optedOut },
  });
}

/** The signed-in user's own preferences. */
export async function getMyMailPreferences(user: SessionUser): Promise<MailPreferences> {
  return read(user);
}

export async function updateMyMailPreferences(user: SessionUser, input: PreferencesInput): Promise<void> {
  await write(user, input);
}

/** Names the link on the Account page ("Choose which e-mails you get"), so the reader finds it. */
export const PREFERENCES_LINK_INVALID =
  "This link is not valid any more. Sign in, open Account and follow “Choose which e-mails you get”, or use the link in a newer e-mail.";

/** The account a footer link was made for; refuses a forged, altered or expired link. */
async function ownerOfToken(token: string): Promise<Owner & { email: string }> {
  const userId = verifyPreferencesToken(token);
  const user = userId
    ? await (
        await db()
      ).user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } })
    : null;
  if (!user) {
    throw new Refusal("not_found", PREFERENCES_LINK_INVALID);
  }
  return user;
}

/** Preferences through a mail's signed link (no sign-in); the address is shown, nothing else. */
export async function getMailPreferencesByToken(token: string) {
  const owner = await ownerOfToken(token);
  return { email: owner.email, ...(await read(owner)) };
}

export async function updateMailPreferencesByToken(token: string, input: PreferencesInput): Promise<void> {
  await write(await ownerOfToken(token), input);
}

/** RFC 8058 one-click: turns one kind off for the link's owner; false for a bad link or kind. */
export async function unsubscribeByToken(token: string, kind: string): Promise<boolean> {
  const userId = verifyPreferencesToken(token);
  if (!userId || !isOptionalKind(kind)) return false;
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) return false;
  const row = await prisma.mailPreference.findUnique({ where: { userId } });
  const optedOut = [...new Set([...(row?.optedOut ?? []), kind])];
  await prisma.mailPreference.upsert({
    where: { userId },
    create: { userId, optedOut },
    update: { optedOut },
  });
  return true;
}

/** Whether `userId` turned `kind` off (the worker asks when an optional mail is due). */
export async function hasOptedOut(prisma: PrismaClient, userId: string, kind: string): Promise<boolean> {
  const row = await prisma.mailPreference.findUnique({ where: { userId }, select: { optedOut: true } });
  return row?.optedOut.includes(kind) ?? false;
}
