/*
  Warnings: this migration
  - adds the unique index BackpackEntry_credentialId_key (fails on duplicate rows)
  - adds the unique index BackpackEntry_userId_pinPosition_key (fails on duplicate rows)
  - adds the unique index ShareLink_credentialId_channel_key (fails on duplicate rows)
*/
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "headline" TEXT,
ADD COLUMN     "photo" TEXT,
ADD COLUMN     "profilePublic" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "BackpackEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "credentialId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "pinPosition" INTEGER,
    "acceptedAt" TIMESTAMP(3),
    "importFormat" TEXT,
    "importUrl" TEXT,
    "importPayload" TEXT,
    "verification" JSONB,
    "verified" BOOLEAN NOT NULL DEFAULT true,
    "name" TEXT,
    "description" TEXT,
    "issuerName" TEXT,
    "issuerUrl" TEXT,
    "image" TEXT,
    "criteria" TEXT,
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "alignments" JSONB,
    "evidence" JSONB,
    "issuedOn" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BackpackEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectionItem" (
    "collectionId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CollectionItem_pkey" PRIMARY KEY ("collectionId","entryId")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "code" TEXT NOT NULL,
    "credentialId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RenderedCard" (
    "key" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "png" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RenderedCard_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "BackpackEntry_credentialId_key" ON "BackpackEntry"("credentialId");

-- CreateIndex
CREATE INDEX "BackpackEntry_userId_createdAt_idx" ON "BackpackEntry"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackpackEntry_userId_pinPosition_key" ON "BackpackEntry"("userId", "pinPosition");

-- CreateIndex
CREATE INDEX "Collection_userId_position_idx" ON "Collection"("userId", "position");

-- CreateIndex
CREATE INDEX "CollectionItem_entryId_idx" ON "CollectionItem"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_credentialId_channel_key" ON "ShareLink"("credentialId", "channel");

-- AddForeignKey
ALTER TABLE "BackpackEntry" ADD CONSTRAINT "BackpackEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackpackEntry" ADD CONSTRAINT "BackpackEntry_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Collection" ADD CONSTRAINT "Collection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollectionItem" ADD CONSTRAINT "CollectionItem_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "BackpackEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;
