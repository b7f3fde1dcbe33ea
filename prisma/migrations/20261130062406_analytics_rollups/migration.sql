-- CreateTable
CREATE TABLE "AnalyticsDaily" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT '',
    "referrer" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,
    "credentials" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsDaily_pkey" PRIMARY KEY ("organizationId","day","achievementId","type","channel","referrer")
);

-- CreateTable
CREATE TABLE "AnalyticsRollup" (
    "id" TEXT NOT NULL,
    "rolledUpThrough" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Credential_validUntil_idx" ON "Credential"("validUntil");

-- CreateIndex
CREATE INDEX "CredentialEvent_credentialId_type_createdAt_idx" ON "CredentialEvent"("credentialId", "type", "createdAt");

-- CreateIndex
CREATE INDEX "CredentialEvent_createdAt_idx" ON "CredentialEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "AnalyticsDaily" ADD CONSTRAINT "AnalyticsDaily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Views recorded before channels were derived from referrers get theirs now (lib/analytics/channels.ts).
UPDATE "CredentialEvent" SET "channel" = CASE
    WHEN "data"->>'referrer' IS NULL OR "data"->>'referrer' = '' THEN 'direct'
    WHEN "data"->>'referrer' ~ '(^|\.)linkedin\.com(:\d+)?$|^lnkd\.in$' THEN 'linkedin'
    WHEN "data"->>'referrer' ~ '(^|\.)(x|twitter)\.com(:\d+)?$|^t\.co$' THEN 'x'
    WHEN "data"->>'referrer' ~ '(^|\.)(facebook|fb)\.com(:\d+)?$|^fb\.me$' THEN 'facebook'
    ELSE 'web'
  END
WHERE "type" = 'viewed' AND "channel" IS NULL;
