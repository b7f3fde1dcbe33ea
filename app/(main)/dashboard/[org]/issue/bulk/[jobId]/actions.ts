"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { retryFailedRows } from "@/lib/issuing/bulk/retry";
import { retryFormSchema } from "@/lib/issuing/bulk/retry-form";

export const retryFailedRowsAction = orgAction({ role: REQUIRED_ROLE["credentials:issue"], feature: "bulkIssue", schema: retryFormSchema }, async (input, ctx) => {
  const result = await retryFailedRows(ctx.org.id, input.jobId, input.corrections, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/issue/bulk/${input.jobId}`);
  return result;
});
