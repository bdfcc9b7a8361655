-- CreateEnum
CREATE TYPE "OrgRole" AS ENUM ('OWNER', 'REQUESTER', 'APPROVER', 'VIEWER');

-- AlterTable (filled below, then made NOT NULL)
ALTER TABLE "Order" ADD COLUMN     "organizationId" TEXT;

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "personal" BOOLEAN NOT NULL DEFAULT false,
    "approvalRequired" BOOLEAN NOT NULL DEFAULT true,
    "selfApprovalAllowed" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "organizationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "roles" "OrgRole"[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("organizationId","userId")
);

-- CreateIndex
CREATE INDEX "Organization_name_idx" ON "Organization"("name");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- Hand-written: every user gets a personal organization sharing their id, in which they hold
-- every role and nothing needs approval; existing orders become their owner's personal orders.
INSERT INTO "Organization" ("id", "name", "personal", "approvalRequired", "updatedAt")
SELECT u."id", u."name", true, false, CURRENT_TIMESTAMP FROM "User" u;
INSERT INTO "Membership" ("organizationId", "userId", "roles")
SELECT u."id", u."id", ARRAY['OWNER', 'REQUESTER', 'APPROVER']::"OrgRole"[] FROM "User" u;
UPDATE "Order" SET "organizationId" = "ownerId";
ALTER TABLE "Order" ALTER COLUMN "organizationId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Order_organizationId_createdAt_id_idx" ON "Order"("organizationId", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma does not track these).
-- A membership grants at least one role; removing every role is removing the member.
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_roles_check"
  CHECK ("roles" IS NOT NULL AND cardinality("roles") > 0);

-- A personal organization is one person's: it shares their id and nobody else joins it.
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_personal_approval_check"
  CHECK (NOT "personal" OR NOT "approvalRequired");

-- Whatever path creates an account (sign-up, an admin, create-admin, the demo seed, a test),
-- the account gets its personal organization in the same transaction.
CREATE FUNCTION "portal_personal_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "Organization" ("id", "name", "personal", "approvalRequired", "updatedAt")
    VALUES (NEW."id", NEW."name", true, false, CURRENT_TIMESTAMP);
    INSERT INTO "Membership" ("organizationId", "userId", "roles")
    VALUES (NEW."id", NEW."id", ARRAY['OWNER', 'REQUESTER', 'APPROVER']::"OrgRole"[]);
  ELSIF NEW."name" IS DISTINCT FROM OLD."name" THEN
    UPDATE "Organization" SET "name" = NEW."name", "updatedAt" = CURRENT_TIMESTAMP
    WHERE "id" = NEW."id" AND "personal";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_personal_organization"
  AFTER INSERT OR UPDATE OF "name" ON "User"
  FOR EACH ROW EXECUTE FUNCTION "portal_personal_organization"();

-- Nobody joins another person's personal organization.
CREATE FUNCTION "portal_personal_membership"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "Organization" o WHERE o."id" = NEW."organizationId" AND o."personal")
     AND NEW."userId" <> NEW."organizationId" THEN
    RAISE EXCEPTION 'a personal organization has one member' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Membership_personal_only_owner"
  BEFORE INSERT OR UPDATE ON "Membership"
  FOR EACH ROW EXECUTE FUNCTION "portal_personal_membership"();
