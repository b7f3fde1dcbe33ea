import { PUBLIC_URLS } from "@/lib/http/url-contract";
import { issuer } from "./authorization";
import { ALL_OB_SCOPES, OB_SCOPES, SCOPE_DESCRIPTIONS } from "./scopes";

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
    paths: walletApiPaths(),
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
      schemas: { Imsx_StatusInfo: IMSX_STATUS_INFO_SCHEMA },
    },
  };
}

// 1EdTech's JSON Schemas of the documents the API carries.
const SCHEMAS = {
  credential: { $ref: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json" },
  profile: { $ref: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile_schema.json" },
  credentials: { $ref: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_getopenbadgecredentialsresponse_schema.json" },
};
const COMPACT_JWS = { type: "string", pattern: "^[a-zA-Z0-9_-]+\\.[a-zA-Z0-9_-]*\\.[a-zA-Z0-9_-]+$", description: "A compact JWS (RFC 7515): a VC-JWT" };

const IMSX_STATUS_INFO_SCHEMA = {
  type: "object",
  required: ["imsx_codeMajor", "imsx_severity"],
  properties: {
    imsx_codeMajor: { type: "string", enum: ["failure", "processing", "success", "unsupported"] },
    imsx_severity: { type: "string", enum: ["error", "status", "warning"] },
    imsx_description: { type: "string" },
    imsx_codeMinor: {
      type: "object",
      properties: {
        imsx_codeMinorField: {
          type: "array",
          items: { type: "object", required: ["imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"], properties: { imsx_codeMinorFieldName: { type: "string" }, imsx_codeMinorFieldValue: { type: "string" } } },
        },
      },
    },
  },
};

/** The refusals every operation may answer, each an Imsx_StatusInfo. */
function refusals(statuses: number[]) {
  const words: Record<number, string> = {
    400: "Invalid input: the description names the field and the reason (invalid_data, invalid_query_parameter)",
    401: "No valid access token (unauthorizedrequest)",
    403: "The access token lacks the operation's scope (forbidden)",
    404: "Not found (not_found)",
    429: "Too many requests for this connection (server_busy); see Retry-After",
    500: "Something went wrong on Laurel's side (internal_server_error)",
  };
  return Object.fromEntries(statuses.map((status) => [status, { description: words[status], content: { "application/json": { schema: { $ref: "#/components/schemas/Imsx_StatusInfo" } } } }]));
}

function walletApiPaths() {
  const secured = (scope: string) => [{ OAuth2ACG: [scope] }];
  const credentialBody = { "application/json": { schema: SCHEMAS.credential }, "text/plain": { schema: COMPACT_JWS } };
  return {
    "/credentials": {
      get: {
        operationId: "getCredentials",
        summary: "The learner's credentials, paged",
        security: secured(OB_SCOPES.credentialRead),
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 100 } },
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
          { name: "since", in: "query", description: "Only credentials added or changed since this time (ISO 8601)", schema: { type: "string", format: "date-time" } },
        ],
        responses: {
          200: {
            description: "Laurel's credentials as signed JSON-LD in `credential`, imported VC-JWTs in `compactJwsString`",
            headers: {
              "X-Total-Count": { description: "How many credentials the query matches", schema: { type: "integer" } },
              Link: { description: "RFC 8288 links to the first, previous, next and last pages", schema: { type: "string" } },
            },
            content: { "application/json": { schema: SCHEMAS.credentials } },
          },
          ...refusals([400, 401, 403, 429, 500]),
        },
      },
      post: {
        operationId: "upsertCredential",
        summary: "Adds a credential to the learner's backpack (verified first), or replaces the same one",
        security: secured(OB_SCOPES.credentialUpsert),
        requestBody: { required: true, content: credentialBody },
        responses: {
          200: { description: "The same credential was there: replaced. The body is the credential sent", content: credentialBody },
          201: { description: "Added. The body is the credential sent", content: credentialBody },
          ...refusals([400, 401, 403, 429, 500]),
        },
      },
    },
    "/profile": {
      get: {
        operationId: "getProfile",
        summary: "The learner's profile",
        security: secured(OB_SCOPES.profileRead),
        responses: { 200: { description: "The learner as an Open Badges Profile", content: { "application/json": { schema: SCHEMAS.profile } } }, ...refusals([401, 403, 404, 429, 500]) },
      },
      put: {
        operationId: "putProfile",
        summary: "Changes the learner's name and headline (the Profile's description); other fields are kept as they are",
        security: secured(OB_SCOPES.profileUpdate),
        requestBody: { required: true, content: { "application/json": { schema: SCHEMAS.profile } } },
        responses: { 200: { description: "The profile as saved", content: { "application/json": { schema: SCHEMAS.profile } } }, ...refusals([400, 401, 403, 404, 429, 500]) },
      },
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
