import { describe, expect, it } from "vitest";
import { GET as summaryRoute } from "@/app/api/v1/analytics/summary/route";
import { analyticsSummaryResponseSchema } from "@/lib/analytics/api";
import { addDays, isoDate } from "@/lib/analytics/range";
import { createApiKey } from "@/lib/api/keys";
import type { ApiScope } from "@/lib/api/scopes";
import { createKnownProgram, KNOWN_PROGRAM } from "./test/known-program";

async function getSummary(key: string, query: string) {
  const request = new Request(`http://localhost/api/v1/analytics/summary${query}`, { headers: { authorization: `Bearer ${key}` } });
  const response = await summaryRoute(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const keyFor = async (organizationId: string, scopes: ApiScope[]) => (await createApiKey(organizationId, { name: "Reporting", scopes })).plaintext;

describe("GET /api/v1/analytics/summary?programId=", async () => {
  const known = await createKnownProgram();
  const today = isoDate(known.now);
  const range = `from=${addDays(today, -9)}&to=${today}`;

  it("answers the program's figures beside the organization's", async () => {
    const { status, json } = await getSummary(await keyFor(known.org.id, ["analytics:read"]), `?${range}&programId=${known.program.id}`);
    expect(status).toBe(200);
    const body = analyticsSummaryResponseSchema.parse(json);
    expect(body.program).toMatchObject({
      id: known.program.id,
      name: "Learning Streaks",
      learners: KNOWN_PROGRAM.learners,
      active: KNOWN_PROGRAM.active,
      progressing: KNOWN_PROGRAM.progressing,
      completed: KNOWN_PROGRAM.completed,
      inactive: KNOWN_PROGRAM.inactive,
      returned: KNOWN_PROGRAM.returned,
      awards: KNOWN_PROGRAM.awards,
    });
    expect(body.program!.funnel.map((step) => [step.step, step.count])).toEqual([["joined", 0], ["active", 7], ["progressing", 4], ["completed", 2]]);
    expect(body.program!.series).toHaveLength(10);
    expect(body.program!.series.reduce((sum, point) => sum + point.awards, 0)).toBe(7);
    expect(body.program!.ladders).toEqual([
      {
        metric: "courses",
        label: { en: "Courses completed", es: "Cursos completados" },
        unit: "courses",
        withoutLevel: 3,
        levels: KNOWN_PROGRAM.levels.map(({ medianSeconds, ...level }) => ({
          ...level,
          achievementId: known.created.achievements[level.name]!.id,
          medianDays: medianSeconds / 86_400,
        })),
      },
    ]);
    expect(body.program!.ladders[0]!.levels.map((level) => level.medianDays)).toEqual([4, 6, 37]);
  });

  it("answers program null without programId", async () => {
    const { status, json } = await getSummary(await keyFor(known.org.id, ["analytics:read"]), `?${range}`);
    expect(status).toBe(200);
    expect(json.program).toBeNull();
  });

  it("refuses another organization's program with the 404 of a missing one", async () => {
    const otherKey = await keyFor(known.orgB.id, ["analytics:read"]);
    const foreign = await getSummary(otherKey, `?programId=${known.program.id}`);
    const missing = await getSummary(otherKey, "?programId=cmissing000000000000000000");
    expect(foreign.status).toBe(404);
    expect(foreign.json).toEqual(missing.json);
    expect(foreign.json).toMatchObject({ error: { code: "not_found" } });
    expect(JSON.stringify(foreign.json)).not.toContain("Learning Streaks");
  });

  it("refuses a malformed program id with 422 naming the field", async () => {
    const key = await keyFor(known.org.id, ["analytics:read"]);
    for (const id of ["abc", "'; DROP TABLE x", "c".repeat(60)]) {
      const { status, json } = await getSummary(key, `?programId=${encodeURIComponent(id)}`);
      expect(status, id).toBe(422);
      expect(json, id).toEqual({ error: { code: "validation_failed", message: expect.any(String), details: { programId: { code: "invalid_format" } } } });
    }
  });

  it("needs the analytics:read scope, programs:read is not enough", async () => {
    const { status, json } = await getSummary(await keyFor(known.org.id, ["programs:read", "programs:write"]), `?programId=${known.program.id}`);
    expect(status).toBe(403);
    expect(json).toMatchObject({ error: { details: { requiredScope: "analytics:read" } } });
    expect(JSON.stringify(json)).not.toContain("Learning Streaks");
  });
});
