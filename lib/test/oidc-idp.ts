import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A real OpenID Connect provider (oidc-provider) on loopback, for single sign-on tests: one
 * confidential client, accounts the test names, PKCE required, consent granted automatically,
 * and its development login form driven over HTTP by `signIn`.
 */
export type TestOidcIdp = {
  issuer: string;
  host: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login; each one's claims go into the ID token. */
  accounts: Map<string, { email?: string; email_verified?: boolean; name?: string }>;
  /** Follows an authorization URL through the provider's login as `login`; answers the URL it redirects back to. */
  signIn(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
};

/** `redirectUriOrigin`: the client's redirect URIs are any under this origin (one per organization). */
export async function startTestOidcIdp(redirectUriOrigin: string | (() => string), options: { port?: number } = {}): Promise<TestOidcIdp> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server: Server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const issuer = `http://${host}`;
  const clientId = "laurel-test-client";
  const clientSecret = "laurel-test-client-secret-0123456789";
  const accounts: TestOidcIdp["accounts"] = new Map();
  const origin = () => (typeof redirectUriOrigin === "function" ? redirectUriOrigin() : redirectUriOrigin);

  const configuration: Configuration = {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [`${origin()}/sso/registered/oidc/callback`], grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The claims of the requested scopes go into the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["laurel-test-idp-cookie-key"] },
    // Consent is granted as soon as someone has logged in: tests drive the login only.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Every organization has its own callback URL: the test client accepts any of them.
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri: string) {
    return uri.startsWith(`${origin()}/sso/`) && uri.endsWith("/oidc/callback");
  };
  handler = provider.callback();

  async function signIn(authorizationUrl: string, login: string): Promise<string> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const [name, ...value] = pair.split("=");
        jar.set(name.trim(), value.join("="));
      }
    };
    let url = authorizationUrl;
    for (let hop = 0; hop < 12; hop++) {
      if (!url.startsWith(issuer)) return url;
      const response = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader() } });
      remember(response);
      const interaction = /\/interaction\/([^/?#]+)$/.exec(new URL(url).pathname);
      if (interaction && response.status === 200) {
        const submitted = await fetch(url, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ prompt: "login", login, password: "any" }),
        });
        remember(submitted);
        url = new URL(submitted.headers.get("location")!, url).href;
        continue;
      }
      const location = response.headers.get("location");
      if (!location) throw new Error(`The test IdP answered ${response.status} at ${url}: ${(await response.text()).slice(0, 300)}`);
      url = new URL(location, url).href;
    }
    throw new Error("Too many redirects at the test IdP");
  }

  return {
    issuer, host, clientId, clientSecret, accounts, signIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
