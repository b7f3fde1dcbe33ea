import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import LinkedInProvider from "next-auth/providers/linkedin";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { sendEmail } from "@/lib/email/mailer";
import { magicLinkEmail } from "@/lib/email/templates";
import { laurelAdapter } from "./adapter";
import { authenticateWithPassword } from "./authenticate";
import { safeRedirect } from "./callback-url";
import { ssoEnforcedFor } from "@/lib/sso/connections";
import { redeemSignInTicket } from "@/lib/sso/sign-in";
import { clientIp } from "./client-ip";
import { hitRateLimit, LIMITS } from "./rate-limit";

const SESSION_ENDED = "Session ended: signed out everywhere or password changed";

async function sessionVersionOf(userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/** OAuth providers are offered only when their credentials are configured. */
function oauthProviders() {
  const { GITHUB_ID, GITHUB_SECRET, GOOGLE_ID, GOOGLE_SECRET, LINKEDIN_ID, LINKEDIN_SECRET } = env();
  return [
    GITHUB_ID && GITHUB_SECRET ? GitHubProvider({ clientId: GITHUB_ID, clientSecret: GITHUB_SECRET }) : null,
    GOOGLE_ID && GOOGLE_SECRET ? GoogleProvider({ clientId: GOOGLE_ID, clientSecret: GOOGLE_SECRET }) : null,
    LINKEDIN_ID && LINKEDIN_SECRET
      ? LinkedInProvider({
          clientId: LINKEDIN_ID,
          clientSecret: LINKEDIN_SECRET,
          // LinkedIn's OpenID Connect flow ("Sign In with LinkedIn using OpenID Connect").
          authorization: { params: { scope: "openid profile email" } },
          issuer: "https://www.linkedin.com/oauth",
          jwks_endpoint: "https://www.linkedin.com/oauth/openid/jwks",
          wellKnown: "https://www.linkedin.com/oauth/.well-known/openid-configuration",
          profile: (profile) => ({ id: profile.sub, name: profile.name, email: profile.email, image: profile.picture }),
        })
      : null,
  ].filter((provider) => provider !== null);
}

export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((provider) => ({ id: provider.id, name: provider.name }));
}

export function authOptions(): NextAuthOptions {
  const config = env();
  // next-auth reads its origin from NEXTAUTH_URL; Laurel's one setting for it is BASE_URL.
  if (!process.env.NEXTAUTH_URL && process.env.BASE_URL) process.env.NEXTAUTH_URL = config.BASE_URL;
  return {
    secret: config.NEXTAUTH_SECRET,
    adapter: laurelAdapter(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    logger: {
      error(code, metadata) {
        // A session ended by its session version is expected, not a failure: its cookie is cleared.
        const message = (metadata as { message?: unknown } | undefined)?.message;
        if (code === "JWT_SESSION_ERROR" && message === SESSION_ENDED) return log.debug({ code }, "ended session presented");
        log.error({ code, err: metadata }, "next-auth error");
      },
      warn(code) {
        log.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            return await authenticateWithPassword({
              email: credentials?.email,
              password: credentials?.password,
              ip: clientIp(req?.headers),
            });
          } catch (error) {
            // next-auth passes the message to the client as `error`.
            if (error instanceof AppError && error.code === "rate_limited") throw new Error("RateLimited");
            if (error instanceof AppError && error.fields?.email?.code === "email_unverified") throw new Error("Unverified");
            if (error instanceof AppError && error.fields?.email?.code === "sso_required") throw new Error("SsoRequired");
            throw error;
          }
        },
      }),
      // An organization's single sign-on ends in a one-time ticket (lib/sso/sign-in.ts), redeemed
      // here so the session is an ordinary one, with its session version.
      CredentialsProvider({
        id: "sso",
        name: "Single sign-on",
        credentials: { ticket: { type: "text" } },
        async authorize(credentials) {
          return redeemSignInTicket(credentials?.ticket);
        },
      }),
      EmailProvider({
        // Laurel's mailer sends the message; `server` is unused but required by the type.
        server: config.SMTP_URL ?? "smtp://localhost",
        from: config.EMAIL_FROM,
        maxAge: 30 * 60,
        async sendVerificationRequest({ identifier, url }) {
          const limit = await hitRateLimit(
            `magic-link:${identifier.toLowerCase()}`,
            LIMITS.emailLinksPerAddress.limit,
            LIMITS.emailLinksPerAddress.windowSeconds,
          );
          if (!limit.allowed) throw new Error("RateLimited");
          if (await ssoEnforcedFor(identifier)) throw new Error("SsoRequired");
          const user = await db.user.findUnique({ where: { email: identifier.toLowerCase() }, select: { locale: true } });
          await sendEmail(magicLinkEmail({ to: identifier, url, locale: user?.locale }));
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // After sign-in, only a path on Laurel itself (see safeCallbackUrl): never another site.
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
      // Every session carries its account's session version, checked on every request: a
      // password reset or "sign out everywhere" raises it and ends sessions signed in before.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? (await sessionVersionOf(user.id)) ?? 0;
          return token;
        }
        if (!token.sub) return token;
        const current = await sessionVersionOf(token.sub);
        if (current === null || current !== token.sessionVersion) throw new Error(SESSION_ENDED);
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
