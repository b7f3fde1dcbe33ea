/*
  Warnings: this migration
  - adds the unique index EmailSender_organizationId_key (fails on duplicate rows)
*/
-- CreateTable
CREATE TABLE "EmailSender" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "replyTo" TEXT,
    "dkimSelector" TEXT NOT NULL,
    "dkimPrivateKeyEncrypted" TEXT NOT NULL,
    "dkimPublicKey" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "lastCheckedAt" TIMESTAMP(3),
    "lastCheck" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailSender_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailSender_organizationId_key" ON "EmailSender"("organizationId");

-- AddForeignKey
ALTER TABLE "EmailSender" ADD CONSTRAINT "EmailSender_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
