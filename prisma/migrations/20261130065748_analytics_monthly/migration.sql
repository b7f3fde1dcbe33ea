-- CreateTable
CREATE TABLE "AnalyticsMonthly" (
    "organizationId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "achievementId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT '',
    "referrer" TEXT NOT NULL DEFAULT '',
    "events" INTEGER NOT NULL,
    "visitors" INTEGER NOT NULL,
    "credentials" INTEGER NOT NULL,

    CONSTRAINT "AnalyticsMonthly_pkey" PRIMARY KEY ("organizationId","month","achievementId","type","channel","referrer")
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

-- CreateIndex
CREATE INDEX "AnalyticsMonthly_organizationId_achievementId_month_idx" ON "AnalyticsMonthly"("organizationId", "achievementId", "month");

-- CreateIndex
CREATE INDEX "AnalyticsDaily_organizationId_achievementId_day_idx" ON "AnalyticsDaily"("organizationId", "achievementId", "day");

-- AddForeignKey
ALTER TABLE "AnalyticsMonthly" ADD CONSTRAINT "AnalyticsMonthly_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsDayTotal" ADD CONSTRAINT "AnalyticsDayTotal_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Days rolled up before these tables existed.
INSERT INTO "AnalyticsMonthly" ("organizationId", "month", "achievementId", "type", "channel", "referrer", "events", "visitors", "credentials")
SELECT "organizationId", date_trunc('month', "day")::date, "achievementId", "type", "channel", "referrer", SUM("events")::int, SUM("visitors")::int, SUM("credentials")::int
FROM "AnalyticsDaily" GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "AnalyticsDayTotal" ("organizationId", "day", "achievementId", "type", "events", "visitors", "credentials")
SELECT "organizationId", "day", "achievementId", "type", SUM("events")::int, SUM("visitors")::int, SUM("credentials")::int
FROM "AnalyticsDaily" GROUP BY 1, 2, 3, 4;
