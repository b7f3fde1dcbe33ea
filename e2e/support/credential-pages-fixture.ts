// An issuer whose badges lead visitors three ways (a public program, a how-to-earn link, the
// issuer's own page), with an API key so the spec issues its credentials through the running
// app (which signs them with its own keys). With `hold <credentialId>`, a learner with a public
// profile accepts that credential instead. Prints one line of JSON for
// e2e/credential-pages.spec.ts.
export {};
const { closeDb, db } = await import("@/lib/db");
const { createApiKey } = await import("@/lib/api/keys");
const { parseInput } = await import("@/lib/errors");
const { createAchievement } = await import("@/lib/issuing/achievements");
const { achievementInputSchema } = await import("@/lib/issuing/schemas");
const { createOrgWith, createUser, unique, uniqueEmail } = await import("@/lib/test/factories");

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

const hold = process.argv.indexOf("hold");
if (hold !== -1) {
  // Katherine accepts hers and keeps a public profile: her name on the page links to it.
  const credentialId = process.argv[hold + 1];
  const handle = unique("katherine");
  const learner = await db.user.create({ data: { email: uniqueEmail("katherine"), name: "Katherine Johnson", handle, profilePublic: true } });
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", acceptedAt: new Date(), visibility: "public" } });
  process.stdout.write(`${JSON.stringify({ handle })}\n`);
} else {
  const owner = await createUser({ password, name: "Rita Reviewer" });
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Northwind Training Institute");
  await db.organization.update({ where: { id: org.id }, data: { website: "https://northwind.example", primaryColor: "#0b5cad" } });

  const achievement = (name: string, extra: Record<string, unknown> = {}) =>
    createAchievement(org.id, parseInput(achievementInputSchema, { name, description: `${name}: six weeks of hands-on labs.`, criteria: { narrative: "Pass the final lab." }, ...extra }));
  const inProgram = await achievement("Cloud Fundamentals", { howToEarnUrl: "https://northwind.example/cloud" });
  const withLink = await achievement("Network Basics", { howToEarnUrl: "https://northwind.example/network" });
  const bare = await achievement("Security Awareness");

  const program = (name: string, visibility: string, achievementId: string) =>
    db.program.create({
      data: { organizationId: org.id, name, visibility, rules: { create: { organizationId: org.id, achievementId, kind: "loyalty", months: 3 } } },
    });
  const open = await program("Cloud Career Path", "public", inProgram.id);
  // Members-only: never where a visitor is sent, so Network Basics leads to its how-to-earn link.
  await program("Staff Network Track", "members", withLink.id);
  const key = await createApiKey(org.id, { name: "Credential pages", scopes: ["credentials:write", "credentials:read"] });

  process.stdout.write(
    `${JSON.stringify({
      email: owner.email,
      password,
      orgSlug: org.slug,
      orgId: org.id,
      programId: open.id,
      apiKey: key.plaintext,
      achievementIds: { program: inProgram.id, howToEarn: withLink.id, issuer: bare.id },
    })}\n`,
  );
}
await closeDb();
