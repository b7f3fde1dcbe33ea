/**
 * Laurel's public URL contract, in one table: every path a stranger (a verifier, a wallet, a
 * crawler, a person) may be given. URL builders (lib/issuing/urls.ts, share links, embeds),
 * the verifier's in-process fetcher (lib/backpack/verify.ts) and the tests all read it; a test
 * checks each pattern against the route folders on disk.
 *
 * Patterns are written as the route folders are (`[param]`), relative to BASE_URL. Entries
 * marked `printed` appear inside signed credentials: changing one breaks every credential
 * already issued, so they never change. Pure data and string functions: no framework, no I/O.
 */

export type PublicUrlEntry = {
  pattern: string;
  /** Printed inside signed credentials or their proofs: frozen for ever. */
  printed: boolean;
  /**
   * How it answers: a route handler at the pattern ("route"), or an HTML page there whose JSON
   * (asked for with Accept) is rewritten to the route handler at `json`.
   */
  answer: { kind: "route" } | { kind: "page"; json?: string };
};

export const PUBLIC_URLS = {
  issuer: { pattern: "/o/[orgId]", printed: true, answer: { kind: "page", json: "/api/ob/issuers/[orgId]" } },
  issuerJwks: { pattern: "/o/[orgId]/jwks.json", printed: true, answer: { kind: "route" } },
  // The key document itself: the Data Integrity verificationMethod of credentials and status lists.
  issuerKey: { pattern: "/o/[orgId]/keys/[keyId]", printed: true, answer: { kind: "route" } },
  statusList: { pattern: "/o/[orgId]/status/[listId]", printed: true, answer: { kind: "route" } },
  revocationList: { pattern: "/o/[orgId]/revocations", printed: true, answer: { kind: "route" } },
  credential: { pattern: "/c/[id]", printed: true, answer: { kind: "page", json: "/api/ob/credentials/[id]" } },
  credentialJson: { pattern: "/c/[id]/credential.json", printed: false, answer: { kind: "route" } },
  credentialJwt: { pattern: "/c/[id]/credential.jwt", printed: false, answer: { kind: "route" } },
  credentialBadgePng: { pattern: "/c/[id]/badge.png", printed: false, answer: { kind: "route" } },
  credentialBadgeSvg: { pattern: "/c/[id]/badge.svg", printed: false, answer: { kind: "route" } },
  achievement: { pattern: "/b/[id]", printed: true, answer: { kind: "page", json: "/api/ob/achievements/[id]" } },
  achievementImagePng: { pattern: "/b/[id]/v/[version]/image.png", printed: true, answer: { kind: "route" } },
  achievementImageSvg: { pattern: "/b/[id]/v/[version]/image.svg", printed: true, answer: { kind: "route" } },
  ob2Issuer: { pattern: "/o/[orgId]/ob2", printed: true, answer: { kind: "route" } },
  ob2RevocationList: { pattern: "/o/[orgId]/ob2/revocations", printed: true, answer: { kind: "route" } },
  ob2BadgeClass: { pattern: "/b/[id]/ob2", printed: true, answer: { kind: "route" } },
  ob2Assertion: { pattern: "/c/[id]/ob2", printed: true, answer: { kind: "route" } },
  jwks: { pattern: "/.well-known/jwks.json", printed: true, answer: { kind: "route" } },
  profile: { pattern: "/u/[handle]", printed: false, answer: { kind: "page" } },
  program: { pattern: "/p/[id]", printed: false, answer: { kind: "page" } },
  verifier: { pattern: "/verify", printed: false, answer: { kind: "page" } },
  programJoin: { pattern: "/p/[id]/join", printed: false, answer: { kind: "route" } },
  credentialEmbed: { pattern: "/c/[id]/embed", printed: false, answer: { kind: "page" } },
  issuerEmbed: { pattern: "/o/[orgId]/embed", printed: false, answer: { kind: "page" } },
  shareLink: { pattern: "/s/[code]", printed: false, answer: { kind: "route" } },
  credentialEarn: { pattern: "/c/[id]/earn", printed: false, answer: { kind: "route" } },
  credentialViewBeacon: { pattern: "/c/[id]/view", printed: false, answer: { kind: "route" } },
  credentialCertificatePdf: { pattern: "/c/[id]/certificate.pdf", printed: false, answer: { kind: "route" } },
  credentialCertificatePng: { pattern: "/c/[id]/certificate.png", printed: false, answer: { kind: "route" } },
  profileBadges: { pattern: "/u/[handle]/badges", printed: false, answer: { kind: "page" } },
  profilePhoto: { pattern: "/u/[handle]/photo", printed: false, answer: { kind: "route" } },
  // Public pages show the logo by this URL (lib/orgs/public-logo.ts adds `?v=`).
  issuerLogo: { pattern: "/o/[orgId]/logo", printed: false, answer: { kind: "route" } },
  profileBadgeImage: { pattern: "/u/[handle]/badges/[entryId]/image", printed: false, answer: { kind: "route" } },
  // Share cards: lib/cards/card-urls.ts adds `?v={version}` (and `&lang=`).
  credentialCard: { pattern: "/c/[id]/opengraph-image", printed: false, answer: { kind: "route" } },
  achievementCard: { pattern: "/b/[id]/opengraph-image", printed: false, answer: { kind: "route" } },
  issuerCard: { pattern: "/o/[orgId]/opengraph-image", printed: false, answer: { kind: "route" } },
  profileCard: { pattern: "/u/[handle]/opengraph-image", printed: false, answer: { kind: "route" } },
  programCard: { pattern: "/p/[id]/opengraph-image", printed: false, answer: { kind: "route" } },
  openApi: { pattern: "/api/v1/openapi.json", printed: false, answer: { kind: "route" } },
  verifyApi: { pattern: "/api/v1/verify", printed: false, answer: { kind: "route" } },
  // Engagement emails: each link goes through Laurel (the open is recorded), and the way out.
  emailLink: { pattern: "/email/open/[id]", printed: false, answer: { kind: "route" } },
  emailUnsubscribe: { pattern: "/email/unsubscribe", printed: false, answer: { kind: "page" } },
  emailUnsubscribeOneClick: { pattern: "/email/unsubscribe/one-click", printed: false, answer: { kind: "route" } },
  // The Open Badges 3.0 API for wallets: discovery (the spec fixes its path), the OAuth
  // authorization server, and the resource server (which answers strangers 401).
  obDiscovery: { pattern: "/ims/ob/v3p0/discovery", printed: false, answer: { kind: "route" } },
  obCredentials: { pattern: "/ims/ob/v3p0/credentials", printed: false, answer: { kind: "route" } },
  obProfile: { pattern: "/ims/ob/v3p0/profile", printed: false, answer: { kind: "route" } },
  oauthMetadata: { pattern: "/.well-known/oauth-authorization-server", printed: false, answer: { kind: "route" } },
  oauthRegister: { pattern: "/oauth/register", printed: false, answer: { kind: "route" } },
  oauthAuthorize: { pattern: "/oauth/authorize", printed: false, answer: { kind: "page" } },
  oauthToken: { pattern: "/oauth/token", printed: false, answer: { kind: "route" } },
  oauthRevoke: { pattern: "/oauth/revoke", printed: false, answer: { kind: "route" } },
  // Single sign-on: where a sign-in starts, and the URLs an identity provider's admin registers.
  ssoStart: { pattern: "/sso/start", printed: false, answer: { kind: "route" } },
  ssoOidcCallback: { pattern: "/sso/[orgId]/oidc/callback", printed: false, answer: { kind: "route" } },
  ssoSamlAcs: { pattern: "/sso/[orgId]/saml/acs", printed: false, answer: { kind: "route" } },
  ssoSamlMetadata: { pattern: "/sso/[orgId]/saml/metadata", printed: false, answer: { kind: "route" } },
  // LTI 1.3: an organization's tool endpoints, which a platform's admin pastes into the LMS.
  ltiLogin: { pattern: "/lti/[orgId]/login", printed: false, answer: { kind: "route" } },
  ltiLaunch: { pattern: "/lti/[orgId]/launch", printed: false, answer: { kind: "route" } },
  ltiDeepLink: { pattern: "/lti/[orgId]/deep-link", printed: false, answer: { kind: "route" } },
  ltiJwks: { pattern: "/lti/[orgId]/jwks.json", printed: false, answer: { kind: "route" } },
  ltiConfig: { pattern: "/lti/[orgId]/config.json", printed: false, answer: { kind: "route" } },
} as const satisfies Record<string, PublicUrlEntry>;

export type PublicUrlName = keyof typeof PUBLIC_URLS;

/** The `[param]` names of a pattern, in order. */
export function patternParams(pattern: string): string[] {
  return [...pattern.matchAll(/\[([^\]]+)\]/g)].map((match) => match[1]);
}

/** Fills a pattern's parameters, each encoded as one path segment. */
export function fillPattern(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${pattern} needs ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** The path of a named public URL (relative to BASE_URL). */
export function publicPath(name: PublicUrlName, params: Record<string, string | number> = {}): string {
  return fillPattern(PUBLIC_URLS[name].pattern, params);
}

const matchers = (Object.entries(PUBLIC_URLS) as [PublicUrlName, PublicUrlEntry][]).map(([name, entry]) => {
  const source = entry.pattern.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/\\?\[[^\]]+\\?\]/g, "([^/]+)");
  return { name, params: patternParams(entry.pattern), regex: new RegExp(`^${source}$`) };
});

/**
 * Which public URL a path (relative to BASE_URL, no query or fragment) is, with its decoded
 * parameters; null for anything else, including undecodable parameters.
 */
export function matchPublicPath(path: string): { name: PublicUrlName; params: Record<string, string> } | null {
  for (const matcher of matchers) {
    const match = matcher.regex.exec(path);
    if (!match) continue;
    try {
      return { name: matcher.name, params: Object.fromEntries(matcher.params.map((param, index) => [param, decodeURIComponent(match[index + 1])])) };
    } catch {
      return null;
    }
  }
  return null;
}
