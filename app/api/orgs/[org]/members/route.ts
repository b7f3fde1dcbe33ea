import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { listMembers } from "@/lib/orgs/queries";

/** The organization's members as JSON (for the signed-in workspace; the API-key API comes later). */
export const GET = withOrg({ role: REQUIRED_ROLE["members:read"] }, async (_request, ctx) => {
  const members = await listMembers(ctx.org.id);
  return Response.json({
    data: members.map((member) => ({
      id: member.id,
      role: member.role,
      since: member.createdAt.toISOString(),
      user: { name: member.user.name, email: member.user.email },
    })),
  });
});
