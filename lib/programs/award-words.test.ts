import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { translatorFor } from "@/lib/i18n/translator";
import { stopQueue } from "@/lib/jobs";
import { programFixture } from "@/lib/test/program-fixtures";
import { awardWords } from "./award-words";
import type { DescribeTranslator } from "./describe";
import { deleteRule } from "./manage";

beforeAll(() => ensureDb());
afterAll(() => stopQueue());

const tIn = (locale: "en" | "es") => {
  const { t } = translatorFor(locale);
  return ((key: string, values?: Record<string, string | number>) => t(`programs.describe.${key}` as never, values as never)) as DescribeTranslator;
};

describe("the words of an award, in the reader's language", () => {
  it("describes the rules that awarded, deleted ones too, and only this organization's", async () => {
    const f = await programFixture();
    await db.programMetric.updateMany({ where: { programId: f.program.id }, data: { label: { en: "courses completed", es: "cursos completados" } } });
    const silver = await f.achievement("Plata");
    const target = await f.rule({ kind: "target", achievementId: silver.id, metric: "courses_completed", atLeast: 50 });
    const stack = await f.rule({ kind: "pathway", achievementId: (await f.achievement("Maestro")).id, requires: [silver.id], count: 1 });
    await deleteRule(f.org.id, f.program.id, stack.id);
    const other = await programFixture();
    const foreign = await other.rule({ kind: "loyalty", achievementId: (await other.achievement("Veterano")).id, months: 3 });

    const es = await awardWords(f.org.id, [target.id, stack.id, foreign.id, target.id], "es", tIn("es"));
    expect(Object.fromEntries(es)).toEqual({
      [target.id]: { rule: "Otorgar Plata cuando cursos completados llegue a 50", metric: "cursos completados" },
      [stack.id]: { rule: expect.stringContaining("Plata"), metric: undefined },
    });
    expect(es.get(stack.id)!.rule).toMatch(/^Otorgar Maestro/);
    expect((await awardWords(f.org.id, [target.id], "en", tIn("en"))).get(target.id)).toEqual({ rule: "Award Plata when courses completed reaches 50", metric: "courses completed" });
  });
});
