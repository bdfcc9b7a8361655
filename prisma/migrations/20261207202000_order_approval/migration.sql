-- Orders of legal-person products in organizations that require approval wait for an approver
-- (lib/orders/commands/approve.ts) with their validated input frozen, before anything is sent.
-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'AWAITING_APPROVAL' AFTER 'DRAFT';
