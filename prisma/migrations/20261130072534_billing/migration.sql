/*
  Warnings: this migration
  - adds the unique index Organization_stripeCustomerId_key (fails on duplicate rows)
  - adds the unique index Organization_stripeSubscriptionId_key (fails on duplicate rows)
*/
-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "billingInterval" TEXT,
ADD COLUMN     "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "currentPeriodEnd" TIMESTAMP(3),
ADD COLUMN     "pastDueSince" TIMESTAMP(3),
ADD COLUMN     "plan" TEXT NOT NULL DEFAULT 'free',
ADD COLUMN     "stripeCustomerId" TEXT,
ADD COLUMN     "stripeSubscriptionId" TEXT,
ADD COLUMN     "subscriptionStatus" TEXT;

-- CreateTable
CREATE TABLE "IssuanceUsage" (
    "organizationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "issued" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IssuanceUsage_pkey" PRIMARY KEY ("organizationId","month")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_stripeCustomerId_key" ON "Organization"("stripeCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_stripeSubscriptionId_key" ON "Organization"("stripeSubscriptionId");

-- AddForeignKey
ALTER TABLE "IssuanceUsage" ADD CONSTRAINT "IssuanceUsage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- This month's credentials issued before the counter existed count toward the quota.
INSERT INTO "IssuanceUsage" ("organizationId", "month", "issued")
SELECT "organizationId", date_trunc('month', "issuedAt")::date, COUNT(*)::int
FROM "Credential" WHERE "issuedAt" >= date_trunc('month', now())
GROUP BY 1, 2;
