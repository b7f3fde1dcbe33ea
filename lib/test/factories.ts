import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";

/** Unique values, so tests sharing one database never collide. */
export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;
export const uniqueEmail = (prefix = "person") => `${unique(prefix)}@example.com`;

export async function createUser(overrides: { email?: string; password?: string; name?: string } = {}) {
  const email = overrides.email ?? uniqueEmail();
  return db.user.create({
    data: {
      email,
      name: overrides.name ?? "Test Person",
      passwordHash: overrides.password ? await hashPassword(overrides.password) : null,
      emails: { create: { email, verifiedAt: new Date() } },
    },
  });
}

export async function createOrgWith(members: { userId: string; role: Role }[], name = "Test Org") {
  return db.organization.create({
    data: { name, slug: unique("org"), memberships: { create: members } },
  });
}
