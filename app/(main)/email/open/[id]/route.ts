import { followEmailLink } from "@/lib/email/engagement/open-link";
import { publicRoute } from "@/lib/http/public-route";

/** A link in an engagement email: records the open, then on to where the link leads. */
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, cache: "none" }, async (request, { params }) => {
  const query = new URL(request.url).searchParams;
  const destination = await followEmailLink(params.id, query.get("u"), query.get("s"));
  return destination ? new Response(null, { status: 302, headers: { Location: destination } }) : null;
});
