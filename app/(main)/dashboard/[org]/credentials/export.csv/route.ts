import { withOrg } from "@/lib/auth/guard";
import { exportCredentialsCsv } from "@/lib/issuing/export-credentials";
import { credentialFiltersSchema } from "@/lib/issuing/list-credentials";

export const GET = withOrg<{ org: string }>({ role: "viewer" }, async (request, ctx) => {
  const filters = credentialFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await exportCredentialsCsv(ctx.org.id, filters);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="credentials-${ctx.org.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
