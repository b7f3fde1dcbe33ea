/*
  Warnings: this migration
  - adds the unique index EngagementEmail_kind_key_key (fails on duplicate rows)
*/
-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "claimReminderDays" INTEGER[] DEFAULT ARRAY[3, 10]::INTEGER[],
ADD COLUMN     "reEngagementDays" INTEGER DEFAULT 30;

-- CreateTable
CREATE TABLE "EngagementEmail" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "credentialId" TEXT,
    "programId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" TIMESTAMP(3),

    CONSTRAINT "EngagementEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailUnsubscribe" (
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailUnsubscribe_pkey" PRIMARY KEY ("organizationId","email","kind")
);

-- CreateIndex
CREATE INDEX "EngagementEmail_organizationId_kind_sentAt_idx" ON "EngagementEmail"("organizationId", "kind", "sentAt");

-- CreateIndex
CREATE INDEX "EngagementEmail_programId_email_kind_sentAt_idx" ON "EngagementEmail"("programId", "email", "kind", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "EngagementEmail_kind_key_key" ON "EngagementEmail"("kind", "key");

-- AddForeignKey
ALTER TABLE "EngagementEmail" ADD CONSTRAINT "EngagementEmail_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailUnsubscribe" ADD CONSTRAINT "EmailUnsubscribe_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
