import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTPayload } from "jose";

/**
 * A small LTI 1.3 platform (an LMS as the tool sees it) on loopback, for tests: its own RSA key and
 * JWKS, an authorization endpoint that answers the tool's login redirect with an auto-posting form
 * carrying a signed id_token, a token endpoint that checks the tool's client assertion against the
 * tool's public JWKS, Assignment and Grade Services (line items, results) and Names and Role
 * Provisioning Services (a roster paged by `Link: rel="next"`) over fixture data, a deep-linking
 * return endpoint that verifies what the tool sends back, and a course page that frames the tool.
 *
 * No import from the app: the browser tests run it in their own process too.
 */

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
export const ROLES = { instructor: `${LIS}Instructor`, learner: `${LIS}Learner` } as const;

export type PlatformUser = { sub: string; name: string; email?: string; roles: string[] };
export type PlatformMessage =
  | { type: "LtiResourceLinkRequest"; resourceLinkId: string; title?: string; custom?: Record<string, string> }
  | { type: "LtiDeepLinkingRequest"; data?: string };
export type LineItemFixture = { id: string; label: string; scoreMaximum: number };
export type ResultFixture = { userId: string; resultScore: number; resultMaximum: number };
export type MemberFixture = { user_id: string; name: string; email?: string; roles: string[]; status?: string };
export type FormPost = { action: string; fields: Record<string, string> };

type Options = {
  clientId?: string;
  deploymentId?: string;
  /** The tool's public keys (its JWKS URL's answer), for checking its client assertions and deep-linking answers. */
  toolJwks?: () => Promise<JSONWebKeySet>;
  /** A fixed port (the browser tests reserve one the app is told about). */
  port?: number;
};

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function autoPostForm(post: FormPost): string {
  const inputs = Object.entries(post.fields).map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>Launching…</title></head><body><form id="f" method="post" action="${escape(post.action)}">${inputs}<noscript><button>Continue</button></noscript></form><script>document.getElementById("f").submit()</script></body></html>`;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

export async function startLtiPlatform(options: Options = {}) {
  const clientId = options.clientId ?? `client-${randomBytes(4).toString("hex")}`;
  const deploymentId = options.deploymentId ?? "deployment-1";
  const keys = await generateKeyPair("RS256", { extractable: true });
  const kid = `platform-${randomBytes(4).toString("hex")}`;
  const publicJwk = { ...(await exportJWK(keys.publicKey)), kid, alg: "RS256", use: "sig" };

  const users = new Map<string, PlatformUser>();
  const messages = new Map<string, PlatformMessage>();
  const tokens = new Map<string, string[]>();
  const course = {
    id: "course-1",
    title: "Biology 101",
    lineItems: [] as LineItemFixture[],
    results: new Map<string, ResultFixture[]>(),
    members: [] as MemberFixture[],
    pageSize: 2,
  };
  /** What the tool sent: token requests (with their verdict) and deep-linking answers. */
  const seen = { tokenRequests: [] as Array<{ ok: boolean; reason?: string }>, deepLinks: [] as JWTPayload[], serviceCalls: [] as string[] };
  /** Claims to add to (or override in) the next id_tokens, and a key to sign them with instead. */
  const tweaks = { claims: {} as Record<string, unknown>, signWith: null as CryptoKey | null };
  let toolJwks = options.toolJwks;

  let origin = "";
  const url = (path: string) => `${origin}${path}`;

  function idTokenClaims(user: PlatformUser, message: PlatformMessage, nonce: string): Record<string, unknown> {
    const base: Record<string, unknown> = {
      sub: user.sub,
      name: user.name,
      ...(user.email ? { email: user.email } : {}),
      nonce,
      "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
      "https://purl.imsglobal.org/spec/lti/claim/deployment_id": deploymentId,
      "https://purl.imsglobal.org/spec/lti/claim/message_type": message.type,
      "https://purl.imsglobal.org/spec/lti/claim/roles": user.roles,
      "https://purl.imsglobal.org/spec/lti/claim/context": { id: course.id, label: "BIO101", title: course.title },
      "https://purl.imsglobal.org/spec/lti/claim/launch_presentation": { locale: "en", document_target: "iframe" },
    };
    if (message.type === "LtiDeepLinkingRequest") {
      base["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
        deep_link_return_url: url("/deep-link-return"),
        accept_types: ["ltiResourceLink"],
        accept_presentation_document_targets: ["iframe", "window"],
        accept_multiple: false,
        ...(message.data ? { data: message.data } : {}),
      };
    } else {
      base["https://purl.imsglobal.org/spec/lti/claim/resource_link"] = { id: message.resourceLinkId, title: message.title ?? "Badge" };
      base["https://purl.imsglobal.org/spec/lti/claim/custom"] = message.custom ?? {};
      base["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
        scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly", "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"],
        lineitems: url("/lineitems"),
      };
      base["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = { context_memberships_url: url("/memberships"), service_versions: ["2.0"] };
    }
    return base;
  }

  /** An id_token as this platform signs it (or as `signWith` forges it), for the given claims. */
  async function signIdToken(claims: Record<string, unknown>, sign: { key?: CryptoKey; kid?: string; audience?: string | string[]; issuer?: string; expiresIn?: number; issuedAt?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const issuedAt = sign.issuedAt ?? now;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: sign.kid ?? kid, typ: "JWT" })
      .setIssuer(sign.issuer ?? origin)
      .setAudience(sign.audience ?? clientId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (sign.expiresIn ?? 300))
      .sign(sign.key ?? tweaks.signWith ?? keys.privateKey);
  }

  /** The platform's answer to the tool's authentication request: the form that posts the id_token. */
  async function authorize(query: URLSearchParams): Promise<FormPost | { error: string }> {
    for (const [name, expected] of Object.entries({ scope: "openid", response_type: "id_token", response_mode: "form_post", prompt: "none", client_id: clientId })) {
      if (query.get(name) !== expected) return { error: `${name} must be ${expected}` };
    }
    const user = users.get(query.get("login_hint") ?? "");
    const message = messages.get(query.get("lti_message_hint") ?? "");
    const redirect = query.get("redirect_uri");
    const nonce = query.get("nonce");
    const state = query.get("state");
    if (!user || !message || !redirect || !nonce || !state) return { error: "unknown user or message, or no redirect_uri, nonce or state" };
    const { aud, iss, exp, iat, ...extra } = tweaks.claims as Record<string, unknown>;
    const idToken = await signIdToken(
      { ...idTokenClaims(user, message, nonce), ...extra },
      { audience: aud as string | undefined, issuer: iss as string | undefined, ...(typeof exp === "number" && typeof iat === "number" ? { issuedAt: iat, expiresIn: exp - iat } : {}) },
    );
    return { action: redirect, fields: { id_token: idToken, state } };
  }

  function bearerScopes(request: IncomingMessage): string[] | null {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1];
    return token ? (tokens.get(token) ?? null) : null;
  }

  async function token(body: URLSearchParams): Promise<{ status: number; json: object }> {
    const refuse = (reason: string) => {
      seen.tokenRequests.push({ ok: false, reason });
      return { status: 400, json: { error: "invalid_client", error_description: reason } };
    };
    if (body.get("grant_type") !== "client_credentials") return refuse("grant_type");
    if (body.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return refuse("client_assertion_type");
    if (!toolJwks) return refuse("no tool JWKS known");
    try {
      const { payload } = await jwtVerify(body.get("client_assertion") ?? "", createLocalJWKSet(await toolJwks()), { issuer: clientId, subject: clientId, audience: url("/token"), algorithms: ["RS256"] });
      if (!payload.jti || !payload.exp) return refuse("jti and exp required");
    } catch (error) {
      return refuse(`client assertion: ${error instanceof Error ? error.message : String(error)}`);
    }
    const scopes = (body.get("scope") ?? "").split(" ").filter(Boolean);
    const accessToken = randomBytes(24).toString("base64url");
    tokens.set(accessToken, scopes);
    seen.tokenRequests.push({ ok: true });
    return { status: 200, json: { access_token: accessToken, token_type: "Bearer", expires_in: 3600, scope: scopes.join(" ") } };
  }

  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? "/", origin);
    const path = requestUrl.pathname;
    if (path === "/jwks") return json(response, 200, { keys: [publicJwk] });
    if (path === "/auth") {
      const answer = await authorize(requestUrl.searchParams);
      if ("error" in answer) return void response.writeHead(400, { "content-type": "text/plain" }).end(answer.error);
      return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(autoPostForm(answer));
    }
    if (path === "/token" && request.method === "POST") {
      const answer = await token(new URLSearchParams(await readBody(request)));
      return json(response, answer.status, answer.json);
    }
    if (path === "/deep-link-return" && request.method === "POST") {
      const jwt = new URLSearchParams(await readBody(request)).get("JWT") ?? "";
      try {
        const { payload } = await jwtVerify(jwt, createLocalJWKSet(await toolJwks!()), { issuer: clientId, audience: origin, algorithms: ["RS256"] });
        seen.deepLinks.push(payload);
        const items = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Array<{ title?: string }>;
        return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html><head><title>Placed</title></head><body><main><h1>Placed in the course</h1><p data-testid="placed-item">${escape(items?.[0]?.title ?? "")}</p></main></body></html>`);
      } catch (error) {
        return void response.writeHead(400, { "content-type": "text/plain" }).end(`refused: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (path === "/course") {
      // A course page that frames the tool, as an LMS does: the frame starts the tool's login.
      const login = requestUrl.searchParams.get("login") ?? "";
      return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(course.title)}</title></head><body><h1>${escape(course.title)}</h1><iframe title="Laurel" src="${escape(login)}" style="width:100%;height:900px;border:1px solid #ccc"></iframe></body></html>`,
      );
    }
    const scopes = bearerScopes(request);
    if (path.startsWith("/lineitems") || path === "/memberships") {
      seen.serviceCalls.push(`${request.method} ${path}${requestUrl.search}`);
      if (!scopes) return json(response, 401, { error: "invalid_token" });
    }
    if (path === "/lineitems") {
      if (!scopes!.includes("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly")) return json(response, 403, { error: "scope" });
      return json(response, 200, course.lineItems, { "content-type": "application/vnd.ims.lis.v2.lineitemcontainer+json" });
    }
    const results = /^\/lineitems\/([^/]+)\/results$/.exec(path);
    if (results) {
      if (!scopes!.includes("https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly")) return json(response, 403, { error: "scope" });
      const lineItemId = url(`/lineitems/${results[1]}`);
      const user = requestUrl.searchParams.get("user_id");
      const rows = (course.results.get(lineItemId) ?? []).filter((row) => !user || row.userId === user);
      return json(
        response,
        200,
        rows.map((row) => ({ id: `${lineItemId}/results/${row.userId}`, scoreOf: lineItemId, ...row })),
        { "content-type": "application/vnd.ims.lis.v2.resultcontainer+json" },
      );
    }
    if (path === "/memberships") {
      if (!scopes!.includes("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")) return json(response, 403, { error: "scope" });
      const page = Number(requestUrl.searchParams.get("page") ?? "1");
      const members = course.members.slice((page - 1) * course.pageSize, page * course.pageSize);
      const more = page * course.pageSize < course.members.length;
      return json(
        response,
        200,
        { id: url(`/memberships?page=${page}`), context: { id: course.id, title: course.title }, members: members.map((member) => ({ status: "Active", ...member })) },
        { "content-type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json", ...(more ? { link: `<${url(`/memberships?page=${page + 1}`)}>; rel="next"` } : {}) },
      );
    }
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    issuer: origin,
    clientId,
    deploymentId,
    kid,
    course,
    seen,
    tweaks,
    /** The registration body Laurel's API and form take. */
    registration: () => ({ issuer: origin, clientId, authorizationUrl: url("/auth"), tokenUrl: url("/token"), jwksUrl: url("/jwks"), deploymentIds: [deploymentId] }),
    setToolJwks(source: () => Promise<JSONWebKeySet>) {
      toolJwks = source;
    },
    addUser(user: PlatformUser): PlatformUser {
      users.set(user.sub, user);
      return user;
    },
    /** A message the next login may name (its lti_message_hint). */
    message(message: PlatformMessage): string {
      const hint = randomUUID();
      messages.set(hint, message);
      return hint;
    },
    /** The query of a third-party initiated login, as the platform starts it. */
    loginQuery(user: PlatformUser, hint: string, targetLinkUri: string): URLSearchParams {
      return new URLSearchParams({ iss: origin, login_hint: user.sub, target_link_uri: targetLinkUri, lti_message_hint: hint, client_id: clientId, lti_deployment_id: deploymentId });
    },
    authorize,
    signIdToken,
    idTokenClaims,
    /** A key this platform does not publish: what a forger signs with. */
    foreignKey: async () => (await generateKeyPair("RS256")).privateKey,
    /** Results of a line item. */
    setResults(lineItemId: string, rows: ResultFixture[]) {
      course.results.set(lineItemId, rows);
    },
    lineItemUrl: (n: number) => url(`/lineitems/${n}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type LtiTestPlatform = Awaited<ReturnType<typeof startLtiPlatform>>;

/** The fields of the first form of an HTML page (the auto-posting forms of the launch flow). */
export function formIn(html: string): FormPost {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error("no form in the page");
  const unescape = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*name="([^"]*)"[^>]*value="([^"]*)"/g)) fields[unescape(match[1])] = unescape(match[2]);
  return { action: unescape(action), fields };
}
