-- CreateTable
CREATE TABLE "ProgramLeaderboard" (
    "programId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "period" TEXT NOT NULL DEFAULT 'all',
    "size" INTEGER NOT NULL DEFAULT 10,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramLeaderboard_pkey" PRIMARY KEY ("programId")
);

-- CreateTable
CREATE TABLE "LeaderboardOptIn" (
    "programId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderboardOptIn_pkey" PRIMARY KEY ("programId","userId")
);

-- CreateIndex
CREATE INDEX "LeaderboardOptIn_userId_idx" ON "LeaderboardOptIn"("userId");

-- AddForeignKey
ALTER TABLE "ProgramLeaderboard" ADD CONSTRAINT "ProgramLeaderboard_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardOptIn" ADD CONSTRAINT "LeaderboardOptIn_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderboardOptIn" ADD CONSTRAINT "LeaderboardOptIn_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
