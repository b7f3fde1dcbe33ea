import { fileURLToPath } from "node:url";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Public pages for signed-out people come from a cache rendered once per locale and content
// (app/(cached)/cached/[locale]/…); link-preview crawlers and scripts included, whatever their
// User-Agent (their previews are counted when they fetch the share card, not by rendering the
// page for them). Signed-in viewers (who may be the learner or the issuer of a private
// credential) get the page rendered per request. Plain rewrites, not a proxy, and as few as
// possible: Next.js compiles and tries every rewrite on every page request (twice), so three
// rules with one source for all the pages cost a fraction of one rule per page and language.
/** /c/{id}, /b/{id}, /o/{id}, /p/{id}, /u/{handle} and /u/{handle}/badges, as `:publicPage`. */
const PUBLIC_PAGE = "/:publicPage((?:c|b|o|p|u)/[^/]+|u/[^/]+/badges)";
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const LOCALES = ["en", "es"];
function cachedPublicPages() {
  const anonymous = { missing: SESSION_COOKIES.map((key) => ({ type: "cookie", key })) };
  return [
    // The language the visitor chose with the switcher…
    {
      source: PUBLIC_PAGE,
      has: [{ type: "cookie", key: "NEXT_LOCALE", value: `(?<cookieLocale>${LOCALES.join("|")})` }],
      ...anonymous,
      destination: "/cached/:cookieLocale/:publicPage",
    },
    // …else their browser's first choice, else English.
    { source: PUBLIC_PAGE, has: [{ type: "header", key: "accept-language", value: "es([-,;].*)?" }], ...anonymous, destination: "/cached/es/:publicPage" },
    { source: PUBLIC_PAGE, ...anonymous, destination: "/cached/en/:publicPage" },
  ];
}

// Several app instances share one page cache and one record of revalidations in Redis, so a
// page revalidated on one (a credential revoked or hidden) is fresh on all of them at once.
// Without REDIS_URL a single instance keeps Next's own cache (the embedded default).
const sharedCache = process.env.REDIS_URL
  ? { cacheHandler: fileURLToPath(new URL("./lib/cache/redis-cache-handler.mjs", import.meta.url)), cacheMaxMemorySize: 0 }
  : {};

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...sharedCache,
  // Native and WASM packages load from node_modules at run time (Turbopack breaks PGlite's
  // file URLs when bundled).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg-boss",
    "pino",
    "nodemailer",
    "@resvg/resvg-js",
  ],
  poweredByHeader: false,
  // Next.js would hash every cached page's whole HTML on every request for an ETag (a tenth of
  // a public page's serving time). Those pages change by the minute and a CDN keeps them by
  // s-maxage; share cards and files set their own ETags.
  generateEtags: false,
  // Cached public pages revalidate every minute (`revalidate = 60`); a CDN may serve a stale copy
  // one minute more, never a year (Next's default), so hiding a credential shows within minutes.
  expireTime: 120,
  // Laurel does not use next/image. The optimizer would fetch and keep any local path (a
  // private certificate, a hidden photo) for hours under a URL of its own: it stays off.
  images: { unoptimized: true, localPatterns: [], remotePatterns: [] },
  // The app's own type check leaves tests and scripts out; `npm test` checks everything with tsc.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  experimental: {
    authInterrupts: true,
    // Room for a logo upload over the limit, so the form can say so instead of failing.
    serverActions: { bodySizeLimit: "4mb" },
  },
  // The public ids printed inside credentials (/o/{orgId}, /c/{id}, /b/{id}) answer people with
  // HTML and machines with JSON(-LD), chosen by the Accept header.
  async rewrites() {
    const wantsJson = [{ type: "header", key: "accept", value: ".*application/(ld\\+)?json.*" }];
    return {
      beforeFiles: [
        { source: "/o/:orgId", has: wantsJson, destination: "/api/ob/issuers/:orgId" },
        { source: "/c/:id", has: wantsJson, destination: "/api/ob/credentials/:id" },
        { source: "/b/:id", has: wantsJson, destination: "/api/ob/achievements/:id" },
        ...cachedPublicPages(),
      ],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
      // Only Laurel may frame its pages, except the embeds made for other sites and the LTI tool,
      // which learning platforms open in a frame of theirs.
      { source: "/((?!(?:c|o)/[^/]+/embed/?$|lti/).*)", headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }] },
      ...["/c/:id/embed", "/o/:orgId/embed", "/lti/:path*"].map((source) => ({
        source,
        headers: [{ key: "Content-Security-Policy", value: "frame-ancestors *" }],
      })),
      {
        source: "/embed.js",
        headers: [
          { key: "Access-Control-Allow-Origin", value: "*" },
          { key: "Cross-Origin-Resource-Policy", value: "cross-origin" },
          { key: "Cache-Control", value: "public, max-age=3600, stale-while-revalidate=86400" },
        ],
      },
      ...["/o/:orgId", "/c/:id", "/b/:id"].map((source) => ({ source, headers: [{ key: "Vary", value: "Accept" }] })),
    ];
  },
};

export default withNextIntl(nextConfig);
