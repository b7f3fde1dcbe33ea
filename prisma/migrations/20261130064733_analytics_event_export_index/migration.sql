-- CreateIndex
CREATE INDEX "CredentialEvent_organizationId_createdAt_id_idx" ON "CredentialEvent"("organizationId", "createdAt", "id");
