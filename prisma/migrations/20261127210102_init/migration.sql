-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CUSTOMER', 'SUPPORT', 'ADMIN');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('DRAFT', 'SUBMITTING', 'PLACED', 'NEEDS_RECONCILIATION', 'REJECTED', 'ACCOUNT_PROBLEM', 'RETRY_SCHEDULED', 'FAILED_TRANSIENT', 'OUTCOME_UNKNOWN', 'NEEDS_REVIEW', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AttemptTrigger" AS ENUM ('CUSTOMER', 'SUPPORT', 'AUTO_RETRY', 'RECOVERY');

-- CreateEnum
CREATE TYPE "AttemptOutcome" AS ENUM ('PENDING', 'PLACED', 'CA_ERROR', 'TRANSPORT_ERROR', 'UNKNOWN');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'CUSTOMER',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "productCode" INTEGER,
    "days" INTEGER,
    "status" "OrderStatus" NOT NULL DEFAULT 'DRAFT',
    "externalOrderNumber" TEXT NOT NULL,
    "sectigoOrderNumber" TEXT,
    "certificateId" TEXT,
    "certificateState" TEXT,
    "uniqueValue" TEXT,
    "totalCost" DECIMAL(12,2),
    "input" JSONB NOT NULL DEFAULT '{}',
    "currentStep" TEXT,
    "organizationName" TEXT,
    "commonName" TEXT,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "failureClass" TEXT,
    "failureCode" INTEGER,
    "failureMessage" TEXT,
    "failureField" TEXT,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "nextRetryAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "placedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderAttempt" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "triggeredById" TEXT,
    "trigger" "AttemptTrigger" NOT NULL,
    "request" JSONB NOT NULL,
    "responseBody" TEXT,
    "httpStatus" INTEGER,
    "errorCode" INTEGER,
    "errorClass" TEXT,
    "message" TEXT,
    "durationMs" INTEGER,
    "outcome" "AttemptOutcome" NOT NULL DEFAULT 'PENDING',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "OrderAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShippingDetails" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "organizationName" TEXT,
    "organizationalUnitName" TEXT,
    "streetAddress1" TEXT,
    "streetAddress2" TEXT,
    "streetAddress3" TEXT,
    "localityName" TEXT,
    "stateOrProvinceName" TEXT,
    "postalCode" TEXT,
    "countryName" TEXT,
    "title" TEXT,
    "forename" TEXT,
    "surname" TEXT,
    "emailAddress" TEXT,
    "telephone" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingDetails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "orderId" TEXT,
    "targetUserId" TEXT,
    "reason" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimiterFlexible_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_createdAt_idx" ON "User"("role", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_externalOrderNumber_key" ON "Order"("externalOrderNumber");

-- CreateIndex
CREATE INDEX "Order_ownerId_createdAt_id_idx" ON "Order"("ownerId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Order_status_createdAt_id_idx" ON "Order"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Order_productCode_createdAt_id_idx" ON "Order"("productCode", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Order_createdAt_id_idx" ON "Order"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Order_sectigoOrderNumber_idx" ON "Order"("sectigoOrderNumber");

-- CreateIndex
CREATE INDEX "OrderAttempt_orderId_startedAt_idx" ON "OrderAttempt"("orderId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShippingDetails_orderId_key" ON "ShippingDetails"("orderId");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_id_idx" ON "AuditEvent"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_orderId_createdAt_idx" ON "AuditEvent"("orderId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAttempt" ADD CONSTRAINT "OrderAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAttempt" ADD CONSTRAINT "OrderAttempt_triggeredById_fkey" FOREIGN KEY ("triggeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShippingDetails" ADD CONSTRAINT "ShippingDetails_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_targetUserId_fkey" FOREIGN KEY ("targetUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below: constraints Prisma's schema language cannot express. Prisma's diff does not
-- track CHECK constraints, functions or triggers, so these cause no drift.

-- E-mail addresses are stored trimmed and lower-cased, which makes the unique index
-- "User_email_key" case-insensitive.
ALTER TABLE "User" ADD CONSTRAINT "User_email_normalised_check" CHECK ("email" = lower(btrim("email")));

-- The audit log is append-only: rows can be inserted, never changed or removed.
CREATE FUNCTION "audit_event_reject_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'P0001', HINT = 'Record a new audit event instead.';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "audit_event_reject_change"();
