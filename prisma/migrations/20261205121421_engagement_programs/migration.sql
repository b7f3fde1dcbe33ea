/*
  Warnings: this migration
  - adds the unique index ProgramMetric_programId_key_key (fails on duplicate rows)
  - adds the unique index ProgramLearner_programId_email_key (fails on duplicate rows)
  - adds the unique index ProgramEvent_organizationId_externalId_key (fails on duplicate rows)
  - adds the unique index ProgramAward_credentialId_key (fails on duplicate rows)
  - adds the unique index ProgramAward_organizationId_achievementId_email_key (fails on duplicate rows)
*/
-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "image" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "enrolUrl" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramMetric" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" JSONB NOT NULL,
    "unit" TEXT,
    "aggregate" TEXT NOT NULL DEFAULT 'sum',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramRule" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "achievementId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "metric" TEXT,
    "atLeast" DOUBLE PRECISION,
    "requires" TEXT[],
    "count" INTEGER,
    "periods" INTEGER,
    "unit" TEXT,
    "months" INTEGER,
    "withinDays" INTEGER,
    "revokeWithRequirements" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "ProgramRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramLearner" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "firstActivityAt" TIMESTAMP(3) NOT NULL,
    "lastActivityAt" TIMESTAMP(3) NOT NULL,
    "activities" INTEGER NOT NULL DEFAULT 0,
    "returnedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramLearner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearnerMetric" (
    "programId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "readingAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearnerMetric_pkey" PRIMARY KEY ("programId","email","metric")
);

-- CreateTable
CREATE TABLE "LearnerActivityPeriod" (
    "programId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "start" DATE NOT NULL,

    CONSTRAINT "LearnerActivityPeriod_pkey" PRIMARY KEY ("programId","email","metric","unit","start")
);

-- CreateTable
CREATE TABLE "ProgramEvent" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramAward" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "achievementId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" JSONB NOT NULL,
    "waitingReason" TEXT,
    "credentialId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedAt" TIMESTAMP(3),

    CONSTRAINT "ProgramAward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgramJob" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "createdById" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "options" JSONB,
    "report" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProgramJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Program_organizationId_createdAt_idx" ON "Program"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramMetric_programId_key_key" ON "ProgramMetric"("programId", "key");

-- CreateIndex
CREATE INDEX "ProgramRule_programId_metric_idx" ON "ProgramRule"("programId", "metric");

-- CreateIndex
CREATE INDEX "ProgramRule_organizationId_kind_idx" ON "ProgramRule"("organizationId", "kind");

-- CreateIndex
CREATE INDEX "ProgramLearner_programId_lastActivityAt_idx" ON "ProgramLearner"("programId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "ProgramLearner_programId_firstActivityAt_idx" ON "ProgramLearner"("programId", "firstActivityAt");

-- CreateIndex
CREATE INDEX "ProgramLearner_organizationId_email_idx" ON "ProgramLearner"("organizationId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramLearner_programId_email_key" ON "ProgramLearner"("programId", "email");

-- CreateIndex
CREATE INDEX "LearnerMetric_programId_metric_value_idx" ON "LearnerMetric"("programId", "metric", "value");

-- CreateIndex
CREATE INDEX "ProgramEvent_programId_email_metric_occurredAt_idx" ON "ProgramEvent"("programId", "email", "metric", "occurredAt");

-- CreateIndex
CREATE INDEX "ProgramEvent_programId_occurredAt_idx" ON "ProgramEvent"("programId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramEvent_organizationId_externalId_key" ON "ProgramEvent"("organizationId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramAward_credentialId_key" ON "ProgramAward"("credentialId");

-- CreateIndex
CREATE INDEX "ProgramAward_organizationId_status_idx" ON "ProgramAward"("organizationId", "status");

-- CreateIndex
CREATE INDEX "ProgramAward_programId_createdAt_idx" ON "ProgramAward"("programId", "createdAt");

-- CreateIndex
CREATE INDEX "ProgramAward_programId_email_idx" ON "ProgramAward"("programId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramAward_organizationId_achievementId_email_key" ON "ProgramAward"("organizationId", "achievementId", "email");

-- CreateIndex
CREATE INDEX "ProgramJob_organizationId_createdAt_idx" ON "ProgramJob"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramMetric" ADD CONSTRAINT "ProgramMetric_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRule" ADD CONSTRAINT "ProgramRule_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRule" ADD CONSTRAINT "ProgramRule_achievementId_fkey" FOREIGN KEY ("achievementId") REFERENCES "Achievement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramLearner" ADD CONSTRAINT "ProgramLearner_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramEvent" ADD CONSTRAINT "ProgramEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramAward" ADD CONSTRAINT "ProgramAward_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramAward" ADD CONSTRAINT "ProgramAward_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ProgramRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramJob" ADD CONSTRAINT "ProgramJob_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramJob" ADD CONSTRAINT "ProgramJob_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
