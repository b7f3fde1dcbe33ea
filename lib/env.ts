import { z } from "zod";

/**
 * Laurel's configuration, read and validated once. Development gets defaults that make a fresh
 * clone work; production refuses to start without real secrets.
 */

const DEV_NEXTAUTH_SECRET = "laurel-dev-only-secret-do-not-use-in-production";
// 32 zero-ish bytes would be too obviously fake; this is a fixed, public development key.
const DEV_KEY_ENCRYPTION_KEY = "bGF1cmVsLWRldi1vbmx5LWtleS1lbmNyeXB0aW9uISE=";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  NEXTAUTH_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  NEXTAUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  KEY_ENCRYPTION_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes in base64")
      .optional(),
  ),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().regex(/^postgres(ql)?:\/\//).optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//).optional()),
  EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Laurel <no-reply@laurel.localhost>")),
  /**
   * Organizations' own email senders (lib/email/sender): the SPF record they add includes this
   * domain (Laurel's outgoing servers), and their return-path CNAME points at this host.
   * Defaults derive from BASE_URL's host: _spf.{host} and bounces.{host}.
   */
  EMAIL_SPF_INCLUDE: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9._-]+$/i).optional()),
  EMAIL_RETURN_PATH_HOST: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9.-]+$/i).optional()),
  /** DNS servers for sender-domain checks, comma-separated host or host:port (default: the system's). */
  DNS_RESOLVER: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_ID: optionalString,
  GOOGLE_SECRET: optionalString,
  LINKEDIN_ID: optionalString,
  LINKEDIN_SECRET: optionalString,
  SEED_API_KEY: optionalString,
  /**
   * Reverse proxies in front of Laurel that append to X-Forwarded-For (load balancer, CDN).
   * 0, the default, trusts no header: the client IP is the connection's (lib/auth/client-ip.ts).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).optional(),
  /** Stripe: billing is "not configured" without the secret key (lib/billing). */
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_PRICE_PRO_MONTHLY: optionalString,
  STRIPE_PRICE_PRO_YEARLY: optionalString,
  STRIPE_PRICE_BUSINESS_MONTHLY: optionalString,
  STRIPE_PRICE_BUSINESS_YEARLY: optionalString,
  /** Another Stripe API origin, e.g. http://127.0.0.1:12111 for a local stand-in in tests. */
  STRIPE_API_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /** A self-hosted install: every plan limit is lifted and billing is hidden. */
  SELF_HOSTED: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
  /**
   * With SELF_HOSTED=true: webhook endpoints allowed on otherwise refused addresses (a private
   * network, loopback), as comma-separated host:port. Ignored unless SELF_HOSTED is true.
   */
  WEBHOOK_ALLOWED_HOSTS: optionalString,
  /**
   * Identity providers of single sign-on reachable on otherwise refused addresses (a private
   * network, loopback) or over http, as comma-separated host:port: an install's own IdP, tests.
   * Unset, discovery, metadata, token and key requests go to public https addresses only.
   */
  SSO_ALLOWED_HOSTS: optionalString,
  /**
   * Learning platforms (LTI 1.3) Laurel may reach although they are not public https addresses:
   * an LMS on the installation's own network, or a test platform on loopback. Comma-separated
   * host:port; unset (the default), every platform URL must be https on a public address.
   */
  LTI_ALLOWED_HOSTS: optionalString,
  /**
   * Redis shared by every app instance (redis://…): the page cache and its revalidations (read
   * by next.config.js when the server starts). Unset: one instance, Next's own cache.
   */
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional()),
  /** Keys under this prefix (default "laurel:"), when several deployments share one Redis. */
  REDIS_KEY_PREFIX: optionalString,
  /** Shows the dev mailbox even in a production build (never on a real deployment). */
  DEV_MAILBOX: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).optional()),
});

export type Env = z.infer<typeof schema> & {
  BASE_URL: string;
  NEXTAUTH_SECRET: string;
  KEY_ENCRYPTION_KEY: string;
  isProduction: boolean;
  devMailboxEnabled: boolean;
  usingDevSecrets: boolean;
};

export class ConfigError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Laurel's configuration is invalid:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  // `next build` runs with NODE_ENV=production but serves nobody: secrets are checked at start.
  const building = source.NEXT_PHASE === "phase-production-build";
  if (isProduction && !building) {
    const missing = (["NEXTAUTH_SECRET", "KEY_ENCRYPTION_KEY", "BASE_URL"] as const).filter((k) => !env[k]);
    if (missing.length > 0) {
      throw new ConfigError(
        `Laurel refuses to start in production without ${missing.join(", ")}. ` +
          "See .env.example for what each one is.",
      );
    }
  }
  const baseUrl = (env.BASE_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${source.PORT ?? "3000"}`).replace(/\/$/, "");
  return {
    ...env,
    BASE_URL: baseUrl,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? DEV_NEXTAUTH_SECRET,
    KEY_ENCRYPTION_KEY: env.KEY_ENCRYPTION_KEY ?? DEV_KEY_ENCRYPTION_KEY,
    isProduction,
    devMailboxEnabled: !isProduction || env.DEV_MAILBOX === "true",
    usingDevSecrets: !env.NEXTAUTH_SECRET || !env.KEY_ENCRYPTION_KEY,
  };
}

let cached: Env | undefined;

/** The validated configuration (parsed on first use, so `next build` needs no secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed configuration so the next env() reads process.env again (tests). */
export function reloadEnv(): void {
  cached = undefined;
}
