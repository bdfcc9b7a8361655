import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { checkEuVatNumber } from "@/lib/prices/reverse-charge";
import { Refusal } from "@/lib/refusal";
import type { SessionUser } from "@/lib/users/data";
import { rolesFor } from "@/lib/organizations/permissions";
import { organizationIdSchema } from "./schemas";

// The organization's EU VAT identification number: what its quotes use for the reverse charge
// (lib/prices/reverse-charge.ts). Members read it; owners set or clear it, audited.

const NOT_FOUND = "This organization does not exist, or you cannot change its VAT number.";

export const vatNumberSchema = z.object({
  organizationId: organizationIdSchema,
  /** Empty clears it. */
  vatNumber: z.string().trim().max(40, "Use at most 40 characters."),
});

/** The VAT number for a member of the organization (null: none set); undefined: not a member. */
export async function getVatNumberForMember(
  user: SessionUser,
  organizationId: string,
): Promise<{ vatNumber: string | null; canEdit: boolean } | undefined> {
  const prisma = await db();
  const org = await prisma.organization.findFirst({
    where: { id: organizationId, personal: false, members: { some: { userId: user.id } } },
    select: { vatNumber: true, members: { where: { userId: user.id }, select: { roles: true } } },
  });
  if (!org) return undefined;
  const manage: readonly string[] = rolesFor("manage");
  return {
    vatNumber: org.vatNumber,
    canEdit: org.members.some((m) => m.roles.some((r) => manage.includes(r))),
  };
}

/** Sets (normalised, checked per member state) or clears the VAT number; returns what is stored. */
export async function setVatNumber(
  user: SessionUser,
  input: z.infer<typeof vatNumberSchema>,
): Promise<string | null> {
  let stored: string | null = null;
  if (input.vatNumber !== "") {
    const checked = checkEuVatNumber(input.vatNumber);
    if (!checked.ok) throw new Refusal("invalid", checked.message, { vatNumber: [checked.message] });
    stored = checked.vatNumber;
  }
  const prisma = await db();
  const managed = {
    id: input.organizationId,
    personal: false,
    members: { some: { userId: user.id, roles: { hasSome: rolesFor("manage") } } },
  };
  await prisma.$transaction(async (tx) => {
    const before = await tx.organization.findFirst({ where: managed, select: { vatNumber: true } });
    if (!before) throw new Refusal("not_found", NOT_FOUND);
    const { count } = await tx.organization.updateMany({ where: managed, data: { vatNumber: stored } });
    if (count !== 1) throw new Refusal("not_found", NOT_FOUND);
    await recordAudit(tx, {
      actorId: user.id,
      action: "organization.vat_number_changed",
      details: { organizationId: input.organizationId, before: before.vatNumber, after: stored },
    });
  });
  return stored;
}
