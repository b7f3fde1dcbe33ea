import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createOrgWith, createUser } from "@/lib/test/factories";

// The cookie door reads the signed-in person; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string | null; email: string; handle: null; locale: null; emailVerified: null } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const { POST: bulkUpload } = await import("@/app/(main)/dashboard/[org]/issue/bulk/upload/route");
const { POST: achievementPreview } = await import("@/app/(main)/dashboard/[org]/achievements/preview/route");

const params = <P,>(value: P) => ({ params: Promise.resolve(value) });

function csvUpload(headers: Record<string, string>) {
  const form = new FormData();
  form.set("mode", "create");
  form.set("file", new File(["email,name\nlee@example.com,Lee\n"], "people.csv", { type: "text/csv" }));
  return new Request("http://localhost:3000/dashboard/x/issue/bulk/upload", { method: "POST", body: form, headers: { host: "localhost:3000", ...headers } });
}

beforeEach(() => {
  session.user = null;
});

describe("cookie-authenticated routes refuse other sites", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["a cross-site request without Origin", { "sec-fetch-site": "cross-site" }],
    ["a foreign Referer without Origin", { referer: "https://evil.example/form.html" }],
  ])("bulk upload answers 403 to %s, and starts no job", async (_label, headers) => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    session.user = { id: owner.id, name: owner.name, email: owner.email, handle: null, locale: null, emailVerified: null };
    const response = await bulkUpload(csvUpload(headers), params({ org: org.slug }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    expect(await db.bulkJob.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("lets the same request through from Laurel's own page", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    session.user = { id: owner.id, name: owner.name, email: owner.email, handle: null, locale: null, emailVerified: null };
    const response = await bulkUpload(csvUpload({ origin: "http://localhost:3000" }), params({ org: org.slug }));
    expect(response.status).not.toBe(403);
  });

  it("checks the origin of every mutating method (the achievement preview too)", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
    session.user = { id: owner.id, name: owner.name, email: owner.email, handle: null, locale: null, emailVerified: null };
    const request = new Request("http://localhost:3000/x", { method: "POST", body: "{}", headers: { host: "localhost:3000", origin: "https://evil.example" } });
    expect((await achievementPreview(request, params({ org: org.slug }))).status).toBe(403);
  });
});
