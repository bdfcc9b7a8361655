import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { Refusal } from "@/lib/refusal";
import { requireMember } from "@/lib/organizations/access";
import { rolesFor } from "@/lib/organizations/permissions";
import type { SessionUser } from "@/lib/users/data";
import { API_KEY_ROLES } from "@/lib/api-keys/roles";
import { newApiKey } from "@/lib/api-keys/secret";
import type { CreateApiKeyInput } from "@/lib/api-keys/schemas";

// Owners create and revoke an organization's keys. A key acts through an account of its own
// that is a member of the organization with the key's roles (as GitLab's project access tokens
// do with their bot users): every order command and query then applies to the key exactly the
// rules it applies to a person, with no second implementation. The account cannot sign in (it
// is disabled and has no password) and is never listed among the members.

/** Creates a key; the secret is in the answer and nowhere else, ever. */
export async function createApiKey(user: SessionUser, input: CreateApiKeyInput) {
  const prisma = await db();
  const { secret, hash, prefix } = newApiKey();
  const key = await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, input.organizationId, "manage");
    const account = await tx.user.create({
      data: {
        // A reserved top-level domain (RFC 2606): no mail can reach it.
        email: `${prefix.toLowerCase().replace(/[^a-z0-9]/g, "")}-${hash.slice(0, 16)}@api-key.invalid`,
        name: `API key "${input.name}"`,
        passwordHash: "!",
        disabled: true,
        emailVerifiedAt: new Date(),
      },
      select: { id: true },
    });
    await tx.membership.create({
      data: {
        organizationId: input.organizationId,
        userId: account.id,
        roles: API_KEY_ROLES[input.role].roles,
      },
    });
    const created = await tx.apiKey.create({
      data: {
        organizationId: input.organizationId,
        userId: account.id,
        name: input.name,
        prefix,
        secretHash: hash,
        role: input.role,
        expiresAt: input.expiresOn,
        createdById: user.id,
      },
      select: { id: true, name: true, prefix: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "api_key.created",
      details: {
        organizationId: input.organizationId,
        keyId: created.id,
        role: input.role,
        name: input.name,
      },
    });
    return created;
  });
  return { ...key, secret };
}

/**
 * Revokes a key at once: the key is refused from its next call (authentication checks
 * revokedAt), and its account leaves the organization, so even a call already past
 * authentication finds nothing more to act on.
 */
export async function revokeApiKey(user: SessionUser, organizationId: string, keyId: string) {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await requireMember(tx, user, organizationId, "manage");
    const key = await tx.apiKey.findFirst({
      where: { id: keyId, organizationId },
      select: { id: true, userId: true, revokedAt: true, name: true },
    });
    if (!key) throw new Refusal("not_found", "This key does not exist.");
    if (key.revokedAt) throw new Refusal("not_allowed", "This key was already revoked.");
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await tx.membership.deleteMany({ where: { organizationId, userId: key.userId } });
    await recordAudit(tx, {
      actorId: user.id,
      action: "api_key.revoked",
      details: { organizationId, keyId: key.id, name: key.name },
    });
  });
}

/** The organization's keys, newest first, for a member who may manage it (else null). */
export async function listApiKeys(user: SessionUser, organizationId: string) {
  const prisma = await db();
  const org = await prisma.organization.findFirst({
    where: {
      id: organizationId,
      personal: false,
      members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
    },
    select: { id: true },
  });
  if (!org) return null;
  return prisma.apiKey.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
      createdBy: { select: { name: true } },
    },
  });
}
