// The Open Badges 3.0 API's part of the integrations guide: its endpoints (from the same table
// the discovery document is built from), its scopes, and curl examples for this deployment.
import { ACCESS_TOKEN_SECONDS, issuer, REFRESH_TOKEN_SECONDS } from "@/lib/ob-api/authorization";
import { OAUTH_PATHS, OB_API_PATHS } from "@/lib/ob-api/discovery";
import { ALL_OB_SCOPES, OB_SCOPES, scopeMessageKey } from "@/lib/ob-api/scopes";

export function walletGuide() {
  const base = issuer();
  const url = (path: string) => `${base}${path}`;
  return {
    urls: {
      discovery: url(OB_API_PATHS.discovery),
      metadata: url(OB_API_PATHS.metadata),
      register: url(OAUTH_PATHS.register),
      authorize: url(OAUTH_PATHS.authorize),
      token: url(OAUTH_PATHS.token),
      revoke: url(OAUTH_PATHS.revoke),
      credentials: url(OB_API_PATHS.credentials),
      profile: url(OB_API_PATHS.profile),
    },
    accessTokenMinutes: ACCESS_TOKEN_SECONDS / 60,
    refreshTokenDays: REFRESH_TOKEN_SECONDS / 86_400,
    scopes: ALL_OB_SCOPES.map((scope) => ({ scope, messageKey: scopeMessageKey(scope) })),
    register: [
      `curl -X POST ${url(OAUTH_PATHS.register)} \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d '${JSON.stringify({ client_name: "My Wallet", client_uri: "https://wallet.example", redirect_uris: ["https://wallet.example/laurel/callback"], token_endpoint_auth_method: "none", scope: ALL_OB_SCOPES.join(" ") })}'`,
    ].join("\n"),
    authorize: `${url(OAUTH_PATHS.authorize)}?response_type=code&client_id=CLIENT_ID&redirect_uri=${encodeURIComponent("https://wallet.example/laurel/callback")}&scope=${encodeURIComponent(`${OB_SCOPES.credentialRead} ${OB_SCOPES.credentialUpsert}`)}&state=STATE&code_challenge=CODE_CHALLENGE&code_challenge_method=S256`,
    token: [
      `curl -X POST ${url(OAUTH_PATHS.token)} \\`,
      `  -d grant_type=authorization_code -d code=CODE -d client_id=CLIENT_ID \\`,
      `  -d redirect_uri=${encodeURIComponent("https://wallet.example/laurel/callback")} -d code_verifier=CODE_VERIFIER`,
    ].join("\n"),
    list: `curl "${url(OB_API_PATHS.credentials)}?limit=20&offset=0" \\\n  -H "Authorization: Bearer ACCESS_TOKEN"`,
    upsert: `curl -X POST ${url(OB_API_PATHS.credentials)} \\\n  -H "Authorization: Bearer ACCESS_TOKEN" \\\n  -H "Content-Type: application/json" \\\n  --data-binary @credential.json`,
    error: JSON.stringify(
      {
        imsx_codeMajor: "failure",
        imsx_severity: "error",
        imsx_description: `This access token lacks the scope ${OB_SCOPES.credentialUpsert}`,
        imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: "Laurel", imsx_codeMinorFieldValue: "forbidden" }] },
      },
      null,
      2,
    ),
  };
}
