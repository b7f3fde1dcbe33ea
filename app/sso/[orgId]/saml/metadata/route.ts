import { publicRoute } from "@/lib/http/public-route";
import { organizationSpMetadata } from "@/lib/sso/saml";

// Laurel's service provider metadata for an organization; its URL is also the SP entity id.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (_request, { params }) => {
  const xml = await organizationSpMetadata(params.orgId);
  return xml === null ? null : new Response(xml, { headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8" } });
});
