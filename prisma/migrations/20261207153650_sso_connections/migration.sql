/*
  Warnings: this migration
  - adds the unique index SsoConnection_organizationId_key (fails on duplicate rows)
  - adds the unique index SsoAuthState_state_key (fails on duplicate rows)
  - adds the unique index SsoAssertionUse_connectionId_assertionId_key (fails on duplicate rows)
  - adds the unique index SsoSignInTicket_tokenHash_key (fails on duplicate rows)
*/
-- CreateEnum
CREATE TYPE "SsoProtocol" AS ENUM ('oidc', 'saml');

-- CreateTable
CREATE TABLE "SsoConnection" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "protocol" "SsoProtocol" NOT NULL,
    "oidcIssuer" TEXT,
    "oidcClientId" TEXT,
    "oidcClientSecretEncrypted" TEXT,
    "samlIdpEntityId" TEXT,
    "samlSsoUrl" TEXT,
    "samlCertificates" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "samlMetadataUrl" TEXT,
    "enforce" BOOLEAN NOT NULL DEFAULT false,
    "defaultRole" "Role" NOT NULL DEFAULT 'viewer',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SsoConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoAuthState" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "browserHash" TEXT NOT NULL,
    "samlRequestId" TEXT,
    "oidcNonce" TEXT,
    "oidcCodeVerifier" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoAssertionUse" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "assertionId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoAssertionUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SsoSignInTicket" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoSignInTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoConnection_organizationId_key" ON "SsoConnection"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoAuthState_state_key" ON "SsoAuthState"("state");

-- CreateIndex
CREATE INDEX "SsoAuthState_expiresAt_idx" ON "SsoAuthState"("expiresAt");

-- CreateIndex
CREATE INDEX "SsoAssertionUse_expiresAt_idx" ON "SsoAssertionUse"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SsoAssertionUse_connectionId_assertionId_key" ON "SsoAssertionUse"("connectionId", "assertionId");

-- CreateIndex
CREATE UNIQUE INDEX "SsoSignInTicket_tokenHash_key" ON "SsoSignInTicket"("tokenHash");

-- CreateIndex
CREATE INDEX "SsoSignInTicket_expiresAt_idx" ON "SsoSignInTicket"("expiresAt");

-- AddForeignKey
ALTER TABLE "SsoConnection" ADD CONSTRAINT "SsoConnection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoAuthState" ADD CONSTRAINT "SsoAuthState_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoAssertionUse" ADD CONSTRAINT "SsoAssertionUse_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SsoConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoSignInTicket" ADD CONSTRAINT "SsoSignInTicket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
