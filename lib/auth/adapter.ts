import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db";
import { provenOwnerOf, releaseUnproven } from "./addresses";

type UserRow = { id: string; name: string | null; email: string; emailVerified: Date | null; image: string | null; sessionVersion: number };

/** next-auth's user, plus the session version the session token is stamped with. */
export type LaurelAdapterUser = AdapterUser & { sessionVersion: number };

const toAdapterUser = (user: UserRow): LaurelAdapterUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  emailVerified: user.emailVerified,
  image: user.image,
  sessionVersion: user.sessionVersion,
});

/**
 * next-auth's storage, over Laurel's own tables. Differs from the stock Prisma adapter in the
 * ways that matter: a person may own several addresses, and only a proven one finds them. A
 * magic link (or an OAuth sign-in) for an address someone holds unproven therefore creates the
 * account of the person who proved it, taking the address from the holder; it never signs
 * them in to the holder's account.
 */
export function laurelAdapter(): Adapter {
  return {
    async createUser(data: Omit<AdapterUser, "id">) {
      const email = data.email.toLowerCase();
      const user = await db.$transaction(async (tx) => {
        await releaseUnproven(tx, email);
        return tx.user.create({
          data: {
            name: data.name,
            email,
            image: data.image,
            emailVerified: data.emailVerified,
            emails: { create: { email, verifiedAt: data.emailVerified } },
          },
        });
      });
      return toAdapterUser(user);
    },
    async getUser(id) {
      const user = await db.user.findUnique({ where: { id } });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const ownerId = await provenOwnerOf(db, email.toLowerCase());
      const owner = ownerId ? await db.user.findUnique({ where: { id: ownerId } }) : null;
      return owner ? toAdapterUser(owner) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser({ id, name, image }) {
      // next-auth also sends `emailVerified` after a magic link; the address it proved is one
      // the account had already proven (getUserByEmail finds no other), and it may not be the
      // primary one, so nothing is marked.
      const user = await db.user.update({ where: { id }, data: { name, image } });
      return toAdapterUser(user);
    },
    async deleteUser(id) {
      await db.user.delete({ where: { id } });
    },
    async linkAccount(account: AdapterAccount) {
      await db.account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: account.refresh_token,
          access_token: account.access_token,
          expires_at: account.expires_at,
          token_type: account.token_type,
          scope: account.scope,
          id_token: account.id_token,
          session_state: typeof account.session_state === "string" ? account.session_state : null,
        },
      });
    },
    async unlinkAccount({ provider, providerAccountId }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await db.account.delete({ where: { provider_providerAccountId: { provider, providerAccountId } } });
    },
    async createVerificationToken(token) {
      return db.verificationToken.create({ data: token });
    },
    async useVerificationToken({ identifier, token }) {
      // deleteMany + findFirst would race; delete returns the row once, then fails.
      try {
        return await db.verificationToken.delete({ where: { identifier_token: { identifier, token } } });
      } catch {
        return null;
      }
    },
  };
}
