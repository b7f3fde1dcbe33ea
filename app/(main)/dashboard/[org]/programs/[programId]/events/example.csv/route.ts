import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { exampleEventsCsv } from "@/lib/programs/events-csv/columns";
import { getProgram } from "@/lib/programs/manage";

// A file that works as it is, on the program's first metric.
export const GET = withOrg<{ org: string; programId: string }>({ role: REQUIRED_ROLE["programs:events"], feature: "programs" }, async (_request, ctx) => {
  const program = await getProgram(ctx.org.id, ctx.params.programId);
  return new Response(exampleEventsCsv(program.metrics[0]?.key), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="events-example.csv"', "Cache-Control": "no-store" },
  });
});
