-- CreateTable
CREATE TABLE "ProgramFeedCursor" (
    "id" TEXT NOT NULL,
    "through" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramFeedCursor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgramAward_status_createdAt_idx" ON "ProgramAward"("status", "createdAt");
