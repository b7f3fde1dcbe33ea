import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
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
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
      ...["/o/:orgId", "/c/:id", "/b/:id"].map((source) => ({ source, headers: [{ key: "Vary", value: "Accept" }] })),
    ];
  },
};

export default withNextIntl(nextConfig);
