-- AlterTable
ALTER TABLE "User" ADD COLUMN     "profileShowProgress" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ProgramLearner_email_idx" ON "ProgramLearner"("email");
