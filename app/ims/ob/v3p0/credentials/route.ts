import { listWalletCredentials, pagingHeaders, readCredentialsQuery, upsertWalletCredential } from "@/lib/ob-api/credentials";
import { walletPreflight, withWalletToken } from "@/lib/ob-api/resource";
import { OB_SCOPES } from "@/lib/ob-api/scopes";
import { publicRoute } from "@/lib/http/public-route";

// getCredentials: the learner's backpack, paged.
export const GET = withWalletToken({ scope: OB_SCOPES.credentialRead }, async (request, { userId }) => {
  const url = new URL(request.url);
  const query = readCredentialsQuery(url);
  if (query instanceof Response) return query;
  const { total, ...page } = await listWalletCredentials(userId, query);
  return Response.json(page, { headers: pagingHeaders(url, query, total) });
});

// upsertCredential: a credential from elsewhere into the backpack, verified on the way in.
export const POST = withWalletToken({ scope: OB_SCOPES.credentialUpsert }, async (request, { userId }) => {
  const outcome = await upsertWalletCredential(userId, request);
  return new Response(outcome.body, { status: outcome.status, headers: { "Content-Type": outcome.contentType === "text/plain" ? "text/plain; charset=utf-8" : "application/json" } });
});

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => walletPreflight(["GET", "POST"]));
