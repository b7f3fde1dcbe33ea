-- AlterTable
ALTER TABLE "ScheduledIssue" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "errorParams" JSONB;
