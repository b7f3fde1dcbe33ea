// An issuer whose credentials lead visitors three ways (a public program, a how-to-earn link,
// the issuer's own page), and a learner whose public profile shows one. Prints
// what e2e/credential-pages.spec.ts needs as one line of JSON.

// The credentials must name the running app's address (their issuer, status list and keys live
// there), so the page verifies them as it would real ones. Set before anything reads the env.
if (process.env.LAUREL_E2E_BASE_URL) process.env.BASE_URL = process.env.LAUREL_E2E_BASE_URL;
export {};
const { closeDb, db } = await import("@/lib/db");
const { parseInput } = await import("@/lib/errors");
const { createAchievement } = await import("@/lib/issuing/achievements");
const { issueCredential } = await import("@/lib/issuing/issue-credential");
const { achievementInputSchema, issueCredentialSchema } = await import("@/lib/issuing/schemas");
const { createOrgWith, createUser, unique, uniqueEmail } = await import("@/lib/test/factories");

const password = process.env.FIXTURE_PASSWORD;
if (!password) throw new Error("Set FIXTURE_PASSWORD: the owner's password for signing in.");

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

const issue = (achievementId: string, name: string, extra: Record<string, unknown> = {}) =>
  issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("learner"), name }, ...extra }), { notify: false });

const shared = await issue(inProgram.id, "Katherine Johnson", {
  result: "92%",
  evidence: [{ id: "https://northwind.example/labs/kj-final", name: "Final lab report", narrative: "Built a three-tier network." }],
});
const linked = await issue(withLink.id, "Dorothy Vaughan");
const plain = await issue(bare.id, "Mary Jackson");

// Katherine accepted hers and keeps a public profile: her name links to it.
const handle = unique("katherine").replace(/[^a-z0-9-]/g, "");
const learner = await db.user.create({ data: { email: uniqueEmail("katherine"), name: "Katherine Johnson", handle, profilePublic: true } });
await db.backpackEntry.create({ data: { userId: learner.id, credentialId: shared.id, state: "accepted", acceptedAt: new Date(), visibility: "public" } });

process.stdout.write(
  `${JSON.stringify({
    email: owner.email,
    password,
    orgSlug: org.slug,
    orgId: org.id,
    programId: open.id,
    handle,
    credentials: { program: shared.id, howToEarn: linked.id, issuer: plain.id },
    achievementIds: { program: inProgram.id, howToEarn: withLink.id, issuer: bare.id },
  })}\n`,
);
await closeDb();
