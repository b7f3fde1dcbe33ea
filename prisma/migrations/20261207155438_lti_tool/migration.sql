/*
  Warnings: this migration
  - adds the unique index LtiToolKey_organizationId_key (fails on duplicate rows)
  - adds the unique index LtiPlatform_organizationId_issuer_clientId_key (fails on duplicate rows)
  - adds the unique index LtiLoginState_stateHash_key (fails on duplicate rows)
  - adds the unique index LtiResourceLink_platformId_resourceLinkId_key (fails on duplicate rows)
  - adds the unique index LtiAwardRule_resourceLinkId_key (fails on duplicate rows)
  - adds the unique index LtiAwardLearner_ruleId_userId_key (fails on duplicate rows)
*/
-- CreateTable
CREATE TABLE "LtiToolKey" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiToolKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiPlatform" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "authorizationUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "jwksUrl" TEXT NOT NULL,
    "deploymentIds" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiPlatform_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiLoginState" (
    "id" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "targetLinkUri" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiLoginState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiNonce" (
    "platformId" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiNonce_pkey" PRIMARY KEY ("platformId","nonce")
);

-- CreateTable
CREATE TABLE "LtiResourceLink" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "title" TEXT,
    "contextId" TEXT,
    "contextTitle" TEXT,
    "achievementId" TEXT,
    "agsLineitemsUrl" TEXT,
    "agsScopes" TEXT[],
    "nrpsMembershipsUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiResourceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiLaunch" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "resourceLinkRowId" TEXT,
    "messageType" TEXT NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "roles" TEXT[],
    "contextTitle" TEXT,
    "locale" TEXT,
    "deepLinkReturnUrl" TEXT,
    "deepLinkData" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiLaunch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiAwardRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "resourceLinkId" TEXT NOT NULL,
    "achievementId" TEXT NOT NULL,
    "lineItemUrl" TEXT NOT NULL,
    "lineItemLabel" TEXT NOT NULL,
    "minPercent" DOUBLE PRECISION NOT NULL,
    "programId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "programRuleId" TEXT NOT NULL,
    "lastSyncedAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiAwardRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LtiAwardLearner" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "score" DOUBLE PRECISION,
    "maximum" DOUBLE PRECISION,
    "percent" DOUBLE PRECISION,
    "sentPercent" DOUBLE PRECISION,
    "eventSeq" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LtiAwardLearner_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LtiToolKey_organizationId_key" ON "LtiToolKey"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiPlatform_organizationId_issuer_clientId_key" ON "LtiPlatform"("organizationId", "issuer", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiLoginState_stateHash_key" ON "LtiLoginState"("stateHash");

-- CreateIndex
CREATE INDEX "LtiLoginState_expiresAt_idx" ON "LtiLoginState"("expiresAt");

-- CreateIndex
CREATE INDEX "LtiNonce_expiresAt_idx" ON "LtiNonce"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiResourceLink_platformId_resourceLinkId_key" ON "LtiResourceLink"("platformId", "resourceLinkId");

-- CreateIndex
CREATE INDEX "LtiLaunch_expiresAt_idx" ON "LtiLaunch"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LtiAwardRule_resourceLinkId_key" ON "LtiAwardRule"("resourceLinkId");

-- CreateIndex
CREATE UNIQUE INDEX "LtiAwardLearner_ruleId_userId_key" ON "LtiAwardLearner"("ruleId", "userId");

-- AddForeignKey
ALTER TABLE "LtiToolKey" ADD CONSTRAINT "LtiToolKey_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiPlatform" ADD CONSTRAINT "LtiPlatform_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiLoginState" ADD CONSTRAINT "LtiLoginState_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiNonce" ADD CONSTRAINT "LtiNonce_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiResourceLink" ADD CONSTRAINT "LtiResourceLink_achievementId_fkey" FOREIGN KEY ("achievementId") REFERENCES "Achievement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiLaunch" ADD CONSTRAINT "LtiLaunch_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiLaunch" ADD CONSTRAINT "LtiLaunch_resourceLinkRowId_fkey" FOREIGN KEY ("resourceLinkRowId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiAwardRule" ADD CONSTRAINT "LtiAwardRule_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "LtiResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiAwardRule" ADD CONSTRAINT "LtiAwardRule_achievementId_fkey" FOREIGN KEY ("achievementId") REFERENCES "Achievement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiAwardLearner" ADD CONSTRAINT "LtiAwardLearner_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "LtiAwardRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
