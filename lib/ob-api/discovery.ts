import { PUBLIC_URLS } from "@/lib/http/url-contract";
import { issuer } from "./authorization";
import { ALL_OB_SCOPES, SCOPE_DESCRIPTIONS } from "./scopes";

/**
 * What a wallet reads before it connects: the Open Badges 3.0 Service Description Document
 * (GET /ims/ob/v3p0/discovery, the spec's fixed path) and the authorization server's RFC 8414
 * metadata (/.well-known/oauth-authorization-server). The endpoints' paths are Laurel's own.
 */

export const OAUTH_PATHS = {
  authorize: PUBLIC_URLS.oauthAuthorize.pattern,
  token: PUBLIC_URLS.oauthToken.pattern,
  register: PUBLIC_URLS.oauthRegister.pattern,
  revoke: PUBLIC_URLS.oauthRevoke.pattern,
} as const;

export const OB_API_PATHS = {
  discovery: PUBLIC_URLS.obDiscovery.pattern,
  metadata: PUBLIC_URLS.oauthMetadata.pattern,
  credentials: PUBLIC_URLS.obCredentials.pattern,
  profile: PUBLIC_URLS.obProfile.pattern,
} as const;

export const WALLET_DOCS_PATH = "/docs/integrations";

const absolute = (path: string) => `${issuer()}${path}`;

export function serviceDescription() {
  return {
    openapi: "3.0.1",
    info: {
      title: "Laurel",
      description: "Open Badges 3.0 API of Laurel: a learner's backpack for wallets and other badge platforms.",
      version: "1.0",
      // What a connected app may see and do, and how a learner disconnects it.
      termsOfService: absolute(`${WALLET_DOCS_PATH}#terms`),
      "x-imssf-privacyPolicyUrl": absolute(`${WALLET_DOCS_PATH}#privacy`),
    },
    servers: [{ url: absolute(OB_API_PATHS.discovery.replace(/\/discovery$/, "")), description: "Laurel's Open Badges 3.0 resource server" }],
    paths: {},
    components: {
      securitySchemes: {
        OAuth2ACG: {
          type: "oauth2",
          description: "OAuth 2.0 authorization code grant with PKCE (S256)",
          "x-imssf-registrationUrl": absolute(OAUTH_PATHS.register),
          flows: {
            authorizationCode: {
              authorizationUrl: absolute(OAUTH_PATHS.authorize),
              tokenUrl: absolute(OAUTH_PATHS.token),
              refreshUrl: absolute(OAUTH_PATHS.token),
              scopes: SCOPE_DESCRIPTIONS,
            },
          },
        },
      },
      schemas: {},
    },
  };
}

export function authorizationServerMetadata() {
  return {
    issuer: issuer(),
    authorization_endpoint: absolute(OAUTH_PATHS.authorize),
    token_endpoint: absolute(OAUTH_PATHS.token),
    registration_endpoint: absolute(OAUTH_PATHS.register),
    revocation_endpoint: absolute(OAUTH_PATHS.revoke),
    scopes_supported: [...ALL_OB_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    authorization_response_iss_parameter_supported: true,
    service_documentation: absolute(WALLET_DOCS_PATH),
  };
}
