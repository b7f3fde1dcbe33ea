import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/messages";
import { badgeDesignSchema, BADGE_TEMPLATES } from "./badge-design";
import { applyDesignTemplate, DESIGN_TEMPLATES, findDesignTemplate } from "./badge-templates";
import { renderBadge } from "./render-badge";
import { textOffFace } from "./test/face";

const context = {
  brand: { primaryColor: "#7a1f5c", secondaryColor: "#2bb3a3" },
  organizationName: "Northwind Training Institute",
  title: "Cloud Fundamentals",
  year: 2026,
};

/** The colour a person sees at (x, y) of the 600×600 PNG. */
function colourAt(png: Uint8Array, x: number, y: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><image width="600" height="600" href="data:image/png;base64,${Buffer.from(png).toString("base64")}"/></svg>`;
  const pixels = new Resvg(svg).render().pixels;
  const i = (y * 600 + x) * 4;
  return `#${[pixels[i], pixels[i + 1], pixels[i + 2]].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

describe("the template gallery", () => {
  it("offers at least 12 templates with unique ids, over several shapes and palettes", () => {
    expect(DESIGN_TEMPLATES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(DESIGN_TEMPLATES.map((t) => t.id)).size).toBe(DESIGN_TEMPLATES.length);
    expect(new Set(DESIGN_TEMPLATES.map((t) => t.template))).toEqual(new Set(BADGE_TEMPLATES));
    expect(new Set(DESIGN_TEMPLATES.map((t) => `${t.primaryColor}/${t.secondaryColor}`)).size).toBeGreaterThanOrEqual(8);
    expect(DESIGN_TEMPLATES.filter((t) => t.palette === "brand").length).toBeGreaterThanOrEqual(3);
    expect(findDesignTemplate("no-such-template")).toBeUndefined();
  });

  it.each(DESIGN_TEMPLATES.map((t) => [t.id, t] as const))("%s is a valid design and renders with all its text on the face", async (_id, template) => {
    const design = applyDesignTemplate(template, context);
    // The very schema a saved design passes.
    expect(badgeDesignSchema.parse(design)).toEqual(design);
    expect(design.template).toBe(template.template);
    expect(design.icon).toBe(template.icon);
    const { svg, png } = await renderBadge(design);
    expect(svg).toMatch(/^<svg[^>]+width="600"/);
    expect(png.length).toBeGreaterThan(1000);
    // A template's text is readable where it is drawn: none of it under the ribbon or off the shape.
    const { drawn, off } = await textOffFace(design);
    expect(drawn).toBeGreaterThan(1000);
    expect(off).toBe(0);
  });

  it("a brand template takes the organization's colours; a fixed one keeps its own", async () => {
    const brand = applyDesignTemplate(findDesignTemplate("brand-medal")!, context);
    expect(brand).toMatchObject({ primaryColor: "#7a1f5c", secondaryColor: "#2bb3a3", subtitle: "Northwind Training Institute" });
    const fixed = applyDesignTemplate(findDesignTemplate("gold-rosette")!, context);
    expect(fixed).toMatchObject({ template: "rosette", primaryColor: "#1e3a8a", secondaryColor: "#e0a800", ribbonLabel: "2026" });
    // What people see: the brand colour fills the medal's face (left of the icon and text).
    expect(colourAt((await renderBadge(brand)).png, 90, 300)).toBe("#7a1f5c");
    expect(colourAt((await renderBadge(fixed)).png, 150, 250)).toBe("#1e3a8a");
  });

  it("a long organization name is cut to fit the subtitle, and the result is still valid", () => {
    const design = applyDesignTemplate(findDesignTemplate("graduate-seal")!, { ...context, organizationName: "The Very Long Name of a Regional Institute of Technology and Applied Sciences" });
    expect(design.subtitle!.length).toBeLessThanOrEqual(60);
    expect(badgeDesignSchema.safeParse(design).success).toBe(true);
  });

  it("every template has a name and a description in English and Spanish", () => {
    for (const locale of ["en", "es"] as const) {
      const gallery = (catalogs[locale] as { gallery?: { templates?: Record<string, { name?: string; description?: string }> } }).gallery;
      for (const template of DESIGN_TEMPLATES) {
        expect(gallery?.templates?.[template.id]?.name, `${locale} ${template.id}`).toBeTruthy();
        expect(gallery?.templates?.[template.id]?.description, `${locale} ${template.id}`).toBeTruthy();
      }
    }
  });
});
