/*
  Warnings: this migration
  - adds the unique index ScheduledIssue_bulkJobId_key (fails on duplicate rows)
*/
-- AlterTable
ALTER TABLE "Achievement" ADD COLUMN     "awardEmailBody" TEXT,
ADD COLUMN     "awardEmailSubject" TEXT;

-- CreateTable
CREATE TABLE "ScheduledIssue" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "achievementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "input" JSONB,
    "message" TEXT,
    "bulkJobId" TEXT,
    "recipientCount" INTEGER NOT NULL,
    "recipientLabel" TEXT NOT NULL,
    "credentialId" TEXT,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "ScheduledIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledIssue_bulkJobId_key" ON "ScheduledIssue"("bulkJobId");

-- CreateIndex
CREATE INDEX "ScheduledIssue_status_sendAt_idx" ON "ScheduledIssue"("status", "sendAt");

-- CreateIndex
CREATE INDEX "ScheduledIssue_organizationId_status_sendAt_idx" ON "ScheduledIssue"("organizationId", "status", "sendAt");

-- AddForeignKey
ALTER TABLE "ScheduledIssue" ADD CONSTRAINT "ScheduledIssue_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledIssue" ADD CONSTRAINT "ScheduledIssue_achievementId_fkey" FOREIGN KEY ("achievementId") REFERENCES "Achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
