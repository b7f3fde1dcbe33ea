import { badgeDesignSchema, shortenTitle, type BadgeDesign, type BadgeIcon, type BadgeTemplate } from "./badge-design";

/**
 * The template gallery: complete badge designs to start from. Each is data (shape, colours,
 * icon, what goes on the subtitle and the ribbon); "brand" templates take the organization's
 * own colours, the others keep theirs. Applied, a template is an ordinary design that the
 * designer can still change. No server imports: the designer shares the list.
 */
export type DesignTemplate = {
  id: string;
  /** "brand": the organization's primary and secondary colours replace the ones below. */
  palette: "brand" | "fixed";
  template: BadgeTemplate;
  primaryColor: string;
  secondaryColor: string;
  textColor?: string;
  icon: BadgeIcon;
  border: boolean;
  /** What the subtitle says: the organization's name, or nothing. */
  subtitle?: "organization";
  /** What the ribbon says: the year it is designed in, or no ribbon. */
  ribbon?: "year";
};

export const DESIGN_TEMPLATES = [
  { id: "brand-medal", palette: "brand", template: "circle", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "award", border: true, subtitle: "organization" },
  { id: "brand-shield", palette: "brand", template: "shield", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "shield-check", border: true, ribbon: "year" },
  { id: "brand-hexagon", palette: "brand", template: "hexagon", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "code", border: true, subtitle: "organization" },
  { id: "brand-rosette", palette: "brand", template: "rosette", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "trophy", border: true, subtitle: "organization", ribbon: "year" },
  { id: "brand-ribbon", palette: "brand", template: "ribbon", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "star", border: true, subtitle: "organization" },
  { id: "gold-rosette", palette: "fixed", template: "rosette", primaryColor: "#1e3a8a", secondaryColor: "#e0a800", icon: "medal", border: true, ribbon: "year" },
  { id: "graduate-seal", palette: "fixed", template: "circle", primaryColor: "#065f46", secondaryColor: "#fbbf24", icon: "graduation-cap", border: true, subtitle: "organization" },
  { id: "midnight-code", palette: "fixed", template: "hexagon", primaryColor: "#111827", secondaryColor: "#38bdf8", icon: "terminal", border: true, subtitle: "organization" },
  { id: "crimson-shield", palette: "fixed", template: "shield", primaryColor: "#9f1239", secondaryColor: "#fde68a", icon: "flame", border: true, ribbon: "year" },
  { id: "violet-idea", palette: "fixed", template: "square", primaryColor: "#5b21b6", secondaryColor: "#c4b5fd", icon: "lightbulb", border: false, subtitle: "organization" },
  { id: "teal-volunteer", palette: "fixed", template: "ribbon", primaryColor: "#0f766e", secondaryColor: "#f59e0b", icon: "heart-handshake", border: true, subtitle: "organization" },
  { id: "paper-check", palette: "fixed", template: "square", primaryColor: "#f8fafc", secondaryColor: "#334155", textColor: "#0f172a", icon: "badge-check", border: true, subtitle: "organization" },
  { id: "sunrise-launch", palette: "fixed", template: "circle", primaryColor: "#c2410c", secondaryColor: "#fed7aa", icon: "rocket", border: true, ribbon: "year" },
  { id: "green-leaf", palette: "fixed", template: "hexagon", primaryColor: "#166534", secondaryColor: "#bbf7d0", icon: "leaf", border: true, subtitle: "organization" },
] as const satisfies readonly DesignTemplate[];

export type DesignTemplateId = (typeof DESIGN_TEMPLATES)[number]["id"];

export const DESIGN_TEMPLATE_IDS = DESIGN_TEMPLATES.map((t) => t.id) as DesignTemplateId[];

export function findDesignTemplate(id: string | undefined | null): DesignTemplate | undefined {
  return DESIGN_TEMPLATES.find((t) => t.id === id);
}

/** What a template is applied for: the organization (brand colours, name) and the title to keep. */
export type TemplateContext = {
  brand: { primaryColor: string; secondaryColor: string };
  organizationName: string;
  title: string;
  year: number;
};

/**
 * The design a template makes for one organization and title, checked by the same schema as a
 * saved design (an organization name too long for the subtitle is cut at a word).
 */
export function applyDesignTemplate(template: DesignTemplate, context: TemplateContext): BadgeDesign {
  const colors = template.palette === "brand" ? context.brand : { primaryColor: template.primaryColor, secondaryColor: template.secondaryColor };
  return badgeDesignSchema.parse({
    template: template.template,
    primaryColor: colors.primaryColor,
    secondaryColor: colors.secondaryColor,
    textColor: template.palette === "brand" ? undefined : template.textColor,
    icon: template.icon,
    title: shortenTitle(context.title) || "—",
    subtitle: template.subtitle === "organization" ? shortenTitle(context.organizationName, 60) : undefined,
    ribbonLabel: template.ribbon === "year" ? String(context.year) : undefined,
    border: template.border,
  });
}
