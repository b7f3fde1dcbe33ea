import { describe, expect, it } from "vitest";
import { resolveOrgAccess } from "@/lib/auth/org-access";
import { parseInput } from "@/lib/errors";
import { db } from "@/lib/db";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import { createOrganization } from "./create-organization";
import { acceptInvitation, findInvitation } from "./invitations";
import { changeMemberRole, inviteMember, removeMember } from "./members";
import { createOrganizationSchema, inviteMemberSchema, updateOrganizationSchema } from "./schemas";
import { updateOrganization } from "./update-organization";

const smtp = useTestSmtp();

const actorFrom = (user: { id: string; name: string | null; email: string }, role: "owner" | "admin" | "issuer" | "viewer", membershipId = "") => ({
  userId: user.id,
  name: user.name,
  email: user.email,
  role,
  membershipId,
});

const waitForMail = (address: string) => smtp.waitFor(address);

describe("creating an organization", () => {
  it("makes the creator its owner and records it in the audit log", async () => {
    const user = await createUser();
    const slug = unique("academy");
    const org = await createOrganization(parseInput(createOrganizationSchema, { name: "Academy", slug }), { userId: user.id });
    const access = await resolveOrgAccess(user.id, slug, "owner");
    expect(access.org.id).toBe(org.id);
    expect(access.role).toBe("owner");
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id } });
    expect(audit.map((a) => a.action)).toEqual(["organization.created"]);
  });

  it("refuses a duplicate slug with a field error and writes nothing", async () => {
    const user = await createUser();
    const slug = unique("taken");
    await createOrganization({ name: "First", slug }, { userId: user.id });
    await expect(createOrganization({ name: "Second", slug }, { userId: user.id })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { slug: { code: "slug_taken" } },
    });
    expect(await db.organization.count({ where: { name: "Second", memberships: { some: { userId: user.id } } } })).toBe(0);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
  });

  it("names the field and the reason for a malformed or reserved slug", () => {
    expect(() => parseInput(createOrganizationSchema, { name: "A", slug: "Bad Slug!" })).toThrowError(
      expect.objectContaining({ fields: { name: { code: "too_short", params: { min: 2 } }, slug: { code: "slug_format" } } }),
    );
    expect(() => parseInput(createOrganizationSchema, { name: "Fine name", slug: "dashboard" })).toThrowError(
      expect.objectContaining({ fields: { slug: { code: "slug_reserved" } } }),
    );
  });
});

describe("organization settings", () => {
  const baseInput = { name: "Renamed", website: "https://example.org", description: "About us", primaryColor: "#112233", secondaryColor: "#445566" };

  it("refuses an oversized logo and saves none of the other fields", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Original Name");
    const bigPng = new File([Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.alloc(600 * 1024)])], "logo.png", { type: "image/png" });
    const input = parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, logo: bigPng });
    await expect(updateOrganization(org.id, input, { userId: owner.id })).rejects.toMatchObject({
      fields: { logo: { code: "file_too_large", params: { maxKb: 512 } } },
    });
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.name).toBe("Original Name");
    expect(after.logo).toBeNull();
  });

  it("refuses a file that only pretends to be an image, and an SVG with a script", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const fake = new File(["MZ this is not an image"], "logo.png", { type: "image/png" });
    await expect(updateOrganization(org.id, parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, logo: fake }), { userId: owner.id })).rejects.toMatchObject({
      fields: { logo: { code: "image_type" } },
    });
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "logo.svg");
    await expect(updateOrganization(org.id, parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, logo: svg }), { userId: owner.id })).rejects.toMatchObject({
      fields: { logo: { code: "svg_unsafe" } },
    });
  });

  it("saves profile, colours and a small PNG logo", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    // A PNG cut short inside its header is refused by the image intake; a whole one is saved.
    const cut = new File([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")], "logo.png");
    await expect(updateOrganization(org.id, parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, logo: cut }), { userId: owner.id })).rejects.toMatchObject({
      fields: { logo: { code: "image_invalid" } },
    });
    const png = new File([Buffer.from(solidPng(64))], "logo.png");
    const saved = await updateOrganization(org.id, parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, logo: png }), { userId: owner.id });
    expect(saved).toMatchObject({ name: "Renamed", website: "https://example.org", primaryColor: "#112233" });
    expect(saved.logo).toMatch(/^data:image\/png;base64,/);
  });

  it("keeps the LinkedIn company page id from the number or the page's admin address, and refuses a vanity name", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const save = (linkedinOrganizationId: string) =>
      updateOrganization(org.id, parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, linkedinOrganizationId }), { userId: owner.id });
    expect((await save("https://www.linkedin.com/company/2414183/admin/")).linkedinOrganizationId).toBe("2414183");
    expect((await save(" 2414183 ")).linkedinOrganizationId).toBe("2414183");
    expect(() => parseInput(updateOrganizationSchema, { ...baseInput, slug: org.slug, linkedinOrganizationId: "linkedin.com/company/acme" })).toThrow(
      expect.objectContaining({ fields: { linkedinOrganizationId: expect.objectContaining({ code: "linkedin_company_id" }) } }),
    );
    // Emptied, the add-to-profile form goes back to the organization's name.
    expect((await save("")).linkedinOrganizationId).toBeNull();
  });
});

describe("members and invitations", () => {
  it("invites by email over SMTP, and the invitee accepts with the link to join with that role", async () => {
    const owner = await createUser({ name: "Olive Owner" });
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Invite Academy");
    const inviteeEmail = uniqueEmail("invitee");
    await inviteMember(org.id, parseInput(inviteMemberSchema, { email: inviteeEmail.toUpperCase(), role: "viewer" }), actorFrom(owner, "owner"));

    const mail = await waitForMail(inviteeEmail);
    expect(mail.subject).toBe("You're invited to Invite Academy on Laurel");
    expect(mail.html).toContain("Invite Academy");
    expect(mail.text).toContain("Olive Owner invited you to join Invite Academy as Viewer");
    const link = linkIn(mail, "http://laurel.test/invite/");
    const token = link.split("/invite/")[1];

    expect(await findInvitation(token)).toMatchObject({ state: "valid", email: inviteeEmail, role: "viewer" });
    const invitee = await createUser({ email: inviteeEmail });
    expect(await acceptInvitation(token, invitee)).toEqual({ slug: org.slug });
    expect((await resolveOrgAccess(invitee.id, org.slug, "viewer")).role).toBe("viewer");
    // A used link cannot be used again.
    await expect(acceptInvitation(token, invitee)).rejects.toMatchObject({ code: "gone" });
    expect((await findInvitation(token))?.state).toBe("accepted");
  });

  it("does not let another account use someone else's invitation", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const inviteeEmail = uniqueEmail("meant-for");
    await inviteMember(org.id, { email: inviteeEmail, role: "admin" }, actorFrom(owner, "owner"));
    const token = linkIn(await waitForMail(inviteeEmail), "http://laurel.test/invite/").split("/invite/")[1];
    const stranger = await createUser();
    await expect(acceptInvitation(token, stranger)).rejects.toMatchObject({ code: "forbidden", fields: { email: { code: "wrong_account" } } });
    await expect(resolveOrgAccess(stranger.id, org.slug, "viewer")).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers an unknown invitation token clearly", async () => {
    const user = await createUser();
    expect(await findInvitation("no-such-token-at-all-0123456789")).toBeNull();
    await expect(acceptInvitation("no-such-token-at-all-0123456789", user)).rejects.toMatchObject({ code: "not_found" });
  });

  it("only owners manage members: an admin can neither invite, change roles nor remove; an owner can, but not invite a member twice", async () => {
    const owner = await createUser();
    const admin = await createUser();
    const viewer = await createUser();
    const org = await createOrgWith([
      { userId: owner.id, role: "owner" },
      { userId: admin.id, role: "admin" },
      { userId: viewer.id, role: "viewer" },
    ]);
    const viewerMembership = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: viewer.id } });
    await expect(inviteMember(org.id, { email: uniqueEmail(), role: "viewer" }, actorFrom(admin, "admin"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(changeMemberRole(org.id, viewerMembership.id, "issuer", actorFrom(admin, "admin"))).rejects.toMatchObject({ code: "forbidden" });
    await expect(removeMember(org.id, viewerMembership.id, actorFrom(admin, "admin"))).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.invitation.count({ where: { organizationId: org.id } })).toBe(0);
    expect((await db.membership.findUniqueOrThrow({ where: { id: viewerMembership.id } })).role).toBe("viewer");

    await expect(inviteMember(org.id, { email: admin.email, role: "viewer" }, actorFrom(owner, "owner"))).rejects.toMatchObject({
      fields: { email: { code: "already_member" } },
    });
    await changeMemberRole(org.id, viewerMembership.id, "issuer", actorFrom(owner, "owner"));
    expect((await db.membership.findUniqueOrThrow({ where: { id: viewerMembership.id } })).role).toBe("issuer");
    // Anyone may leave on their own.
    const adminMembership = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: admin.id } });
    await removeMember(org.id, adminMembership.id, actorFrom(admin, "admin", adminMembership.id));
    expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(2);
  });

  it("always keeps an owner: the last owner can be neither demoted nor removed", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    const membership = await db.membership.findFirstOrThrow({ where: { organizationId: org.id } });
    await expect(changeMemberRole(org.id, membership.id, "admin", actorFrom(owner, "owner", membership.id))).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(org.id, membership.id, actorFrom(owner, "owner", membership.id))).rejects.toMatchObject({ code: "conflict" });
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("owner");

    const second = await createUser();
    const secondMembership = await db.membership.create({ data: { organizationId: org.id, userId: second.id, role: "owner" } });
    await changeMemberRole(org.id, membership.id, "admin", actorFrom(second, "owner", secondMembership.id));
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("admin");
  });

  it("scopes every member operation to the organization: ids from another org are not found", async () => {
    const ownerA = await createUser();
    const ownerB = await createUser();
    const orgA = await createOrgWith([{ userId: ownerA.id, role: "owner" }]);
    const orgB = await createOrgWith([{ userId: ownerB.id, role: "owner" }]);
    const memberOfB = await db.membership.findFirstOrThrow({ where: { organizationId: orgB.id } });
    await expect(removeMember(orgA.id, memberOfB.id, actorFrom(ownerA, "owner"))).rejects.toMatchObject({ code: "not_found" });
    await expect(changeMemberRole(orgA.id, memberOfB.id, "viewer", actorFrom(ownerA, "owner"))).rejects.toMatchObject({ code: "not_found" });
    await expect(resolveOrgAccess(ownerA.id, orgB.slug, "viewer")).rejects.toMatchObject({ code: "not_found" });
    expect(await db.membership.count({ where: { organizationId: orgB.id } })).toBe(1);
  });

  it("a viewer lacks the role to invite", async () => {
    const owner = await createUser();
    const viewer = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }, { userId: viewer.id, role: "viewer" }]);
    await expect(resolveOrgAccess(viewer.id, org.slug, "admin")).rejects.toMatchObject({ code: "forbidden" });
    await expect(inviteMember(org.id, { email: uniqueEmail(), role: "viewer" }, actorFrom(viewer, "viewer"))).rejects.toMatchObject({ code: "forbidden" });
  });
});
