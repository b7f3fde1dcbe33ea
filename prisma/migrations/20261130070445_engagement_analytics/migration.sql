-- CreateTable
CREATE TABLE "AnalyticsDaily" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,
    "credentials" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsDaily_pkey" PRIMARY KEY ("organizationId","day","achievementId","type","channel")
);

-- CreateTable
CREATE TABLE "AnalyticsMonthly" (
    "organizationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,
    "credentials" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsMonthly_pkey" PRIMARY KEY ("organizationId","month","achievementId","type","channel")
);

-- CreateTable
CREATE TABLE "AnalyticsDayTotal" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "events" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,
    "credentials" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsDayTotal_pkey" PRIMARY KEY ("organizationId","day","achievementId","type")
);

-- CreateTable
CREATE TABLE "AnalyticsReferrerDaily" (
    "organizationId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "referrer" TEXT NOT NULL,
    "views" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsReferrerDaily_pkey" PRIMARY KEY ("organizationId","day","achievementId","referrer")
);

-- CreateTable
CREATE TABLE "AnalyticsReferrerMonthly" (
    "organizationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "referrer" TEXT NOT NULL,
    "views" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsReferrerMonthly_pkey" PRIMARY KEY ("organizationId","month","achievementId","referrer")
);

-- CreateTable
CREATE TABLE "AnalyticsRollup" (
    "id" TEXT NOT NULL,
    "rolledUpThrough" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnalyticsRollup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalyticsDaily_organizationId_achievementId_day_idx" ON "AnalyticsDaily"("organizationId", "achievementId", "day");

-- CreateIndex
CREATE INDEX "AnalyticsMonthly_organizationId_achievementId_month_idx" ON "AnalyticsMonthly"("organizationId", "achievementId", "month");

-- CreateIndex
CREATE INDEX "Credential_validUntil_idx" ON "Credential"("validUntil");

-- CreateIndex
CREATE INDEX "CredentialEvent_credentialId_type_createdAt_idx" ON "CredentialEvent"("credentialId", "type", "createdAt");

-- CreateIndex
CREATE INDEX "CredentialEvent_organizationId_createdAt_id_idx" ON "CredentialEvent"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "CredentialEvent_createdAt_idx" ON "CredentialEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "AnalyticsDaily" ADD CONSTRAINT "AnalyticsDaily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsMonthly" ADD CONSTRAINT "AnalyticsMonthly_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsDayTotal" ADD CONSTRAINT "AnalyticsDayTotal_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsReferrerDaily" ADD CONSTRAINT "AnalyticsReferrerDaily_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsReferrerMonthly" ADD CONSTRAINT "AnalyticsReferrerMonthly_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Views recorded before channels were derived from referrers get theirs now (lib/analytics/channels.ts).
UPDATE "CredentialEvent" SET "channel" = CASE
    WHEN "data"->>'referrer' IS NULL OR "data"->>'referrer' = '' THEN 'direct'
    WHEN "data"->>'referrer' ~ '(^|\.)linkedin\.com(:\d+)?$|^lnkd\.in$' THEN 'linkedin'
    WHEN "data"->>'referrer' ~ '(^|\.)(x|twitter)\.com(:\d+)?$|^t\.co$' THEN 'x'
    WHEN "data"->>'referrer' ~ '(^|\.)(facebook|fb)\.com(:\d+)?$|^fb\.me$' THEN 'facebook'
    ELSE 'web'
  END
WHERE "type" = 'viewed' AND "channel" IS NULL;
