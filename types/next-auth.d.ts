import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The account's session version when this session signed in (lib/auth/options.ts). */
    sessionVersion?: number;
  }
}
