import { publicRoute } from "@/lib/http/public-route";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { imsxResponse } from "@/lib/ob-api/imsx";
import { updateWalletProfile, walletProfile } from "@/lib/ob-api/profile";
import { walletPreflight, withWalletToken } from "@/lib/ob-api/resource";
import { OB_SCOPES } from "@/lib/ob-api/scopes";

const MAX_PROFILE_BYTES = 64 * 1024;

export const GET = withWalletToken({ scope: OB_SCOPES.profileRead }, async (_request, { userId }) => Response.json(await walletProfile(userId)));

export const PUT = withWalletToken({ scope: OB_SCOPES.profileUpdate }, async (request, { userId }) => {
  let body: unknown;
  try {
    body = JSON.parse(await readBodyWithLimit(request, MAX_PROFILE_BYTES));
  } catch {
    return imsxResponse(400, "invalid_data", `The body must be a JSON Profile of at most ${MAX_PROFILE_BYTES} bytes`);
  }
  return Response.json(await updateWalletProfile(userId, body));
});

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => walletPreflight(["GET", "PUT"]));
