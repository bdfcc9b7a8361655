-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "serverSoftware" INTEGER;
