/*
  Warnings: this migration
  - adds the unique index SigningKey_organizationId_keyId_key (fails on duplicate rows)
  - adds the unique index Credential_statusListId_statusIndex_key (fails on duplicate rows)
*/
-- CreateEnum
CREATE TYPE "KeyStatus" AS ENUM ('active', 'retired');

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKeyMultibase" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "status" "KeyStatus" NOT NULL DEFAULT 'active',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusList" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'revocation',
    "length" INTEGER NOT NULL,
    "bits" BYTEA NOT NULL,
    "allocated" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "signedVersion" INTEGER,
    "signedDocument" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Achievement" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "criteriaNarrative" TEXT,
    "criteriaUrl" TEXT,
    "achievementType" TEXT NOT NULL DEFAULT 'Badge',
    "imageUrl" TEXT,
    "tags" TEXT[],
    "alignments" JSONB,
    "howToEarnUrl" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Achievement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "achievementId" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "recipientSalt" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3),
    "statusListId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "jwt" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SigningKey_organizationId_status_idx" ON "SigningKey"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_organizationId_keyId_key" ON "SigningKey"("organizationId", "keyId");

-- CreateIndex
CREATE INDEX "StatusList_organizationId_purpose_idx" ON "StatusList"("organizationId", "purpose");

-- CreateIndex
CREATE INDEX "Achievement_organizationId_createdAt_idx" ON "Achievement"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Credential_organizationId_issuedAt_idx" ON "Credential"("organizationId", "issuedAt");

-- CreateIndex
CREATE INDEX "Credential_achievementId_idx" ON "Credential"("achievementId");

-- CreateIndex
CREATE INDEX "Credential_recipientEmail_idx" ON "Credential"("recipientEmail");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_statusListId_statusIndex_key" ON "Credential"("statusListId", "statusIndex");

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusList" ADD CONSTRAINT "StatusList_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Achievement" ADD CONSTRAINT "Achievement_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_achievementId_fkey" FOREIGN KEY ("achievementId") REFERENCES "Achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_statusListId_fkey" FOREIGN KEY ("statusListId") REFERENCES "StatusList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
