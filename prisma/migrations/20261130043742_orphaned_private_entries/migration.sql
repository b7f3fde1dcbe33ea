-- DropForeignKey
ALTER TABLE "BackpackEntry" DROP CONSTRAINT "BackpackEntry_userId_fkey";

-- AlterTable
ALTER TABLE "BackpackEntry" ALTER COLUMN "userId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "BackpackEntry" ADD CONSTRAINT "BackpackEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
