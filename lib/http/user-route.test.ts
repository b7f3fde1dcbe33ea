import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string | null; email: string; handle: null; locale: null; emailVerified: null } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
const { GET: exportAccount } = await import("@/app/(main)/account/export/route");
const { GET: entryImage } = await import("@/app/(main)/backpack/[entryId]/image/route");

const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const get = () => new Request("http://localhost/x");
const params = <P,>(value: P) => ({ params: Promise.resolve(value) });
const signInAs = (user: { id: string; email: string }) => {
  session.user = { id: user.id, name: null, email: user.email, handle: null, locale: null, emailVerified: null };
};

beforeEach(() => {
  session.user = null;
});

describe("the signed-in person's door", () => {
  it("answers 401 in the one error shape when signed out, before touching anything", async () => {
    for (const answer of [await exportAccount(get(), params({})), await entryImage(get(), params({ entryId: "some-entry" }))]) {
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ error: { code: "unauthorized", details: {} } });
    }
  });

  it("serves a person's own imported image privately, and another's or a malformed id as not found", async () => {
    const owner = await createUser();
    const entry = await db.backpackEntry.create({ data: { userId: owner.id, state: "accepted", importFormat: "png", name: "Imported", image: `data:image/png;base64,${PNG_1PX}` } });
    signInAs(owner);
    const mine = await entryImage(get(), params({ entryId: entry.id }));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("content-type")).toBe("image/png");
    expect(mine.headers.get("cache-control")).toMatch(/^private/);

    signInAs(await createUser());
    for (const entryId of [entry.id, "a\u0000b", "%E0%A4%A", "x".repeat(500)]) {
      const answer = await entryImage(get(), params({ entryId }));
      expect(answer.status, JSON.stringify(entryId.slice(0, 10))).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: "not_found" } });
    }
  });
});
