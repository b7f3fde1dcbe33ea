import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { achievementInputSchema } from "@/lib/issuing/schemas";
import { addRule, createProgram, updateProgram } from "@/lib/programs/manage";
import { programInputSchema, ruleInputSchema } from "@/lib/programs/schemas";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { shareCardFor } from "./card-urls";
import { cardTranslator } from "./i18n";
import { cardTree, treeText } from "./layout";
import { loadCardModel } from "./model";
import { renderCard } from "./render";
import { serveCard } from "./serve";
import { cardHead } from "./version";

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Card Academy");
  const program = await createProgram(org.id, parseInput(programInputSchema, { name: "Trail Walkers", description: "Walk the trails.", metrics: [{ key: "km", label: { en: "km" } }] }));
  for (const [name, atLeast] of [["Bronze", 10], ["Silver", 50]] as const) {
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name, description: `${name}.`, criteria: { narrative: "Walk." } }));
    await addRule(org.id, program.id, parseInput(ruleInputSchema, { achievementId: achievement.id, kind: "target", metric: "km", atLeast }));
  }
  return { org, program };
}

describe("the program's share card", () => {
  it("draws the program, its organization, the badges to earn and the invitation to join, at 1200×630", async () => {
    const { program } = await setup();
    const model = await loadCardModel((await cardHead("program", program.id))!);
    expect(model).toMatchObject({ kind: "program", name: "Trail Walkers", description: "Walk the trails.", issuer: { name: "Card Academy" }, badges: 2 });
    expect(treeText(cardTree(model!, "en", cardTranslator("en")))).toEqual(expect.arrayContaining(["Trail Walkers", "2 badges to earn", "Join and earn", "Program"]));
    expect(treeText(cardTree(model!, "es", cardTranslator("es")))).toEqual(expect.arrayContaining(["2 insignias por ganar", "Únete y gana"]));
    const image = PNG.sync.read(Buffer.from(await renderCard(model!, "en")));
    expect([image.width, image.height]).toEqual([1200, 630]);
  });

  it("gets a new version when the program changes, and none at all once it is members-only", async () => {
    const { org, program } = await setup();
    const card = await shareCardFor("program", program.id);
    expect(card).toMatchObject({ width: 1200, height: 630, alt: "Trail Walkers: the badges it awards and how to join" });
    expect(card!.url).toMatch(new RegExp(`/p/${program.id}/opengraph-image\\?v=`));
    await updateProgram(org.id, program.id, { name: "Trail Runners" });
    expect((await shareCardFor("program", program.id))!.url).not.toBe(card!.url);
    await updateProgram(org.id, program.id, { visibility: "members" });
    expect(await cardHead("program", program.id)).toBeNull();
    const answer = await serveCard("program", program.id, new Request(`http://laurel.test/p/${program.id}/opengraph-image`));
    expect(answer.status).toBe(404);
  });
});
