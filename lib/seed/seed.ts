import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export const DEMO = {
  email: "demo@example.com",
  password: "demo-password-123",
  name: "Demo Owner",
  orgName: "Demo Academy",
  orgSlug: "demo",
} as const;

/**
 * Seeds the demo organization and its owner. Idempotent: running it again changes nothing
 * that exists (a changed demo password is left alone).
 */
export async function seed(): Promise<{ createdUser: boolean; createdOrg: boolean }> {
  let createdUser = false;
  let user = await db.user.findUnique({ where: { email: DEMO.email }, select: { id: true } });
  if (!user) {
    const now = new Date();
    user = await db.user.create({
      data: {
        email: DEMO.email,
        name: DEMO.name,
        handle: "demo",
        emailVerified: now,
        passwordHash: await hashPassword(DEMO.password),
        emails: { create: { email: DEMO.email, verifiedAt: now } },
      },
      select: { id: true },
    });
    createdUser = true;
  }
  const existingOrg = await db.organization.findUnique({ where: { slug: DEMO.orgSlug }, select: { id: true } });
  const org =
    existingOrg ??
    (await db.organization.create({
      data: {
        name: DEMO.orgName,
        slug: DEMO.orgSlug,
        website: "https://example.com",
        description: "A demo academy that issues badges for finished courses.",
      },
      select: { id: true },
    }));
  await db.membership.upsert({
    where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
    create: { organizationId: org.id, userId: user.id, role: "owner" },
    update: {},
  });
  return { createdUser, createdOrg: !existingOrg };
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await db.user.count()) === 0;
}
