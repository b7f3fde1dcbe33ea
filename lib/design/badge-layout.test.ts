import { describe, expect, it } from "vitest";
import { BADGE_TEMPLATES, type BadgeDesign } from "./badge-design";
import { layoutBadgeText } from "./render-badge";
import { textOffFace } from "./test/face";

const base: BadgeDesign = {
  template: "rosette",
  primaryColor: "#1d5fb4",
  secondaryColor: "#f2b705",
  icon: "brain",
  title: "Cloud Fundamentals",
  subtitle: "Northwind Training Institute",
  ribbonLabel: "2026",
  border: true,
};

const LONG_TITLE = "Advanced Clinical Research Coordination"; // 39 of 40 characters
const LONG_SUBTITLE = "Northwind Training Institute, School of Applied Health Data"; // 59 of 60

describe("text on the badge stays on its face", () => {
  it("the rosette's subtitle is clear of the ribbon (the reported case)", async () => {
    const { drawn, off } = await textOffFace(base);
    expect(drawn).toBeGreaterThan(1000);
    expect(off).toBe(0);
    const placed = await layoutBadgeText(base);
    expect(placed.subtitle).toBeDefined();
    // The subtitle ends above the ribbon (the rosette's ribbon starts at y = 330).
    expect(placed.subtitle!.top + placed.subtitle!.height).toBeLessThanOrEqual(330);
  });

  const cases = BADGE_TEMPLATES.flatMap((template) =>
    [true, false].flatMap((ribbon) =>
      [true, false].map((border) => ({ template, ribbon, border })),
    ),
  );
  it.each(cases)("$template (ribbon $ribbon, border $border): a long title and subtitle are fully on the face, below the icon", async ({ template, ribbon, border }) => {
    const design: BadgeDesign = { ...base, template, border, title: LONG_TITLE, subtitle: LONG_SUBTITLE, ribbonLabel: ribbon ? "Level 3" : undefined };
    const { drawn, off } = await textOffFace(design);
    expect(drawn).toBeGreaterThan(2000);
    expect(off).toBe(0);
    const placed = await layoutBadgeText(design);
    expect(placed.title.top).toBeGreaterThanOrEqual(placed.icon.top + placed.icon.size);
    expect(placed.subtitle!.top).toBeGreaterThanOrEqual(placed.title.top + placed.title.height);
    // The icon is still there, at a size people can read.
    expect(placed.icon.size).toBeGreaterThanOrEqual(60);
  });

  it.each(BADGE_TEMPLATES)("%s: a short title and subtitle keep the shape's usual place", async (template) => {
    const design: BadgeDesign = { ...base, template, title: "Mentor", subtitle: "Level 1", ribbonLabel: undefined };
    const { off } = await textOffFace(design);
    expect(off).toBe(0);
    const placed = await layoutBadgeText(design);
    expect(placed.title.fontSize).toBe(54);
    expect(placed.subtitle!.fontSize).toBe(24);
  });
});
