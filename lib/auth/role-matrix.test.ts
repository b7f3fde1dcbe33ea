import { describe, expect, it } from "vitest";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { resolveOrgAccess } from "./org-access";
import { REQUIRED_ROLE, type Permission, type Role } from "./roles";

// Written out by hand, not derived from REQUIRED_ROLE, so a change to the table has to be a
// deliberate change here too.
const EXPECTED: Record<Permission, Role[]> = {
  "org:read": ["owner", "admin", "issuer", "viewer"],
  "members:read": ["owner", "admin", "issuer", "viewer"],
  "credentials:issue": ["owner", "admin", "issuer"],
  "org:update": ["owner", "admin"],
  "members:invite": ["owner"],
  "members:manage": ["owner"],
  "achievements:design": ["owner", "admin"],
  "apiKeys:manage": ["owner", "admin"],
  "webhooks:manage": ["owner", "admin"],
  "audit:read": ["owner", "admin"],
  "keys:rotate": ["owner"],
  "analytics:read": ["owner", "admin", "issuer", "viewer"],
  "programs:read": ["owner", "admin", "issuer", "viewer"],
  "programs:design": ["owner", "admin"],
  "programs:events": ["owner", "admin", "issuer"],
};

describe("the role matrix", async () => {
  const people = {
    owner: await createUser(),
    admin: await createUser(),
    issuer: await createUser(),
    viewer: await createUser(),
    outsider: await createUser(),
  };
  const org = await createOrgWith([
    { userId: people.owner.id, role: "owner" },
    { userId: people.admin.id, role: "admin" },
    { userId: people.issuer.id, role: "issuer" },
    { userId: people.viewer.id, role: "viewer" },
  ]);
  await createOrgWith([{ userId: people.outsider.id, role: "owner" }]);

  it("covers every permission the app checks", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(REQUIRED_ROLE).sort());
  });

  for (const permission of Object.keys(EXPECTED) as Permission[]) {
    for (const role of ["owner", "admin", "issuer", "viewer"] as const) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, async () => {
        const access = resolveOrgAccess(people[role].id, org.slug, REQUIRED_ROLE[permission]);
        if (allowed) await expect(access).resolves.toMatchObject({ role });
        else await expect(access).rejects.toMatchObject({ code: "forbidden" });
      });
    }
    it(`a member of another organization gets not_found for ${permission}`, async () => {
      await expect(resolveOrgAccess(people.outsider.id, org.slug, REQUIRED_ROLE[permission])).rejects.toMatchObject({ code: "not_found" });
    });
  }
});
