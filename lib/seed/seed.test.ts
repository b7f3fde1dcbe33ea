import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { DEMO, DEMO_LEARNER, seed } from "./seed";

describe("seed", () => {
  it("gives a fresh install an issuer and a learner whose backpack holds their credentials, once", async () => {
    const first = await seed();
    expect(first).toEqual({ createdUser: true, createdOrg: true });
    const learner = await db.user.findUniqueOrThrow({ where: { email: DEMO_LEARNER.email }, select: { id: true, handle: true, passwordHash: true } });
    expect(learner.handle).toBe(DEMO_LEARNER.handle);
    expect(await verifyPassword(DEMO_LEARNER.password, learner.passwordHash!)).toBe(true);
    const entries = await db.backpackEntry.findMany({ where: { userId: learner.id }, include: { credential: true } });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((entry) => entry.state === "accepted" && entry.visibility === "public" && entry.credential?.claimedAt)).toBe(true);
    expect(entries.every((entry) => entry.credential?.recipientEmail === DEMO_LEARNER.email)).toBe(true);

    const again = await seed();
    expect(again).toEqual({ createdUser: false, createdOrg: false });
    expect(await db.backpackEntry.count({ where: { userId: learner.id } })).toBe(entries.length);
    expect(await db.user.count({ where: { email: { in: [DEMO.email, DEMO_LEARNER.email] } } })).toBe(2);
  });
});
