import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db";

type UserRow = { id: string; name: string | null; email: string; emailVerified: Date | null; image: string | null };

const toAdapterUser = (user: UserRow): AdapterUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  emailVerified: user.emailVerified,
  image: user.image,
});

/**
 * next-auth's storage, over Laurel's own tables. Differs from the stock Prisma adapter in one
 * way that matters: a person may own several addresses, and any verified one finds them.
 */
export function laurelAdapter(): Adapter {
  return {
    async createUser(data: Omit<AdapterUser, "id">) {
      const email = data.email.toLowerCase();
      const user = await db.user.create({
        data: {
          name: data.name,
          email,
          image: data.image,
          emailVerified: data.emailVerified,
          emails: { create: { email, verifiedAt: data.emailVerified } },
        },
      });
      return toAdapterUser(user);
    },
    async getUser(id) {
      const user = await db.user.findUnique({ where: { id } });
      return user ? toAdapterUser(user) : null;
    },
    async getUserByEmail(email) {
      const normalized = email.toLowerCase();
      const primary = await db.user.findUnique({ where: { email: normalized } });
      if (primary) return toAdapterUser(primary);
      const secondary = await db.userEmail.findFirst({
        where: { email: normalized, verifiedAt: { not: null } },
        include: { user: true },
      });
      return secondary ? toAdapterUser(secondary.user) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser({ id, name, image, emailVerified }) {
      const user = await db.user.update({ where: { id }, data: { name, image, emailVerified } });
      if (emailVerified) {
        // A magic link proves the primary address.
        await db.userEmail.updateMany({
          where: { userId: id, email: user.email, verifiedAt: null },
          data: { verifiedAt: emailVerified },
        });
      }
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
