import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { homePathOf } from "@/lib/orgs/home-path";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { learnerMenu } from "./learner-menu";

describe("a signed-in person's home and menu", () => {
  it("sends a learner without an organization to the backpack, and offers no dashboard", async () => {
    const learner = await createUser({ name: "Lou Learner" });
    expect(await homePathOf(learner.id)).toBe("/backpack");
    expect(await learnerMenu(learner.id)).toEqual({ name: "Lou Learner", profile: { href: "/backpack/profile", isPublic: false }, organizations: [] });
  });

  it("sends a member to their first organization's dashboard and lists every dashboard", async () => {
    const member = await createUser();
    const second = await createOrgWith([{ userId: member.id, role: "viewer" }], "Zeta School");
    const first = await createOrgWith([{ userId: member.id, role: "owner" }], "Alpha Academy");
    expect(await homePathOf(member.id)).toBe(`/dashboard/${first.slug}`);
    expect((await learnerMenu(member.id))!.organizations).toEqual([
      { slug: first.slug, name: "Alpha Academy" },
      { slug: second.slug, name: "Zeta School" },
    ]);
  });

  it("links the public profile only when there is one to see", async () => {
    const learner = await createUser();
    const handle = unique("pat").toLowerCase();
    await db.user.update({ where: { id: learner.id }, data: { handle, profilePublic: false } });
    expect((await learnerMenu(learner.id))!.profile).toEqual({ href: "/backpack/profile", isPublic: false });
    await db.user.update({ where: { id: learner.id }, data: { profilePublic: true } });
    expect((await learnerMenu(learner.id))!.profile).toEqual({ href: `/u/${handle}`, isPublic: true });
  });
});
