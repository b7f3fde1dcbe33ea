/*
  Warnings: this migration
  - adds the unique index RecipientGroupMember_groupId_email_key (fails on duplicate rows)
*/
-- CreateTable
CREATE TABLE "RecipientGroup" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecipientGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecipientGroupMember" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecipientGroupMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecipientGroup_organizationId_name_idx" ON "RecipientGroup"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "RecipientGroupMember_groupId_email_key" ON "RecipientGroupMember"("groupId", "email");

-- AddForeignKey
ALTER TABLE "RecipientGroup" ADD CONSTRAINT "RecipientGroup_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecipientGroupMember" ADD CONSTRAINT "RecipientGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "RecipientGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;
