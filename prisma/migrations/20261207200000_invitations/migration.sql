-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "roles" "OrgRole"[],
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_organizationId_email_key" ON "Invitation"("organizationId", "email");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written (Prisma does not track these).
-- An invitation grants at least one role.
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_roles_check"
  CHECK ("roles" IS NOT NULL AND cardinality("roles") > 0);

-- Nobody is invited into a personal organization.
CREATE FUNCTION "portal_invitation_not_personal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = NEW."organizationId" AND o."personal") THEN
    RAISE EXCEPTION 'a personal organization has one member' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Invitation_not_personal"
  BEFORE INSERT OR UPDATE ON "Invitation"
  FOR EACH ROW EXECUTE FUNCTION "portal_invitation_not_personal"();

-- An organization that has members keeps at least one owner, whatever code path changes them
-- (checked at commit, so a transaction may hand ownership over in two statements). The
-- application also locks the organization row first (lib/organizations/members.ts), so two
-- owners demoting each other at once are serialized rather than both refused.
CREATE FUNCTION "portal_keep_an_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE org TEXT := COALESCE(OLD."organizationId", NEW."organizationId");
BEGIN
  IF EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = org)
     AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."organizationId" = org
                     AND 'OWNER'::"OrgRole" = ANY (m."roles")) THEN
    RAISE EXCEPTION 'an organization keeps at least one owner' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Membership_keep_an_owner"
  AFTER UPDATE OR DELETE ON "Membership"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "portal_keep_an_owner"();
