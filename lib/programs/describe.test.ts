import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/i18n/translator";
import { describeRule, metricLabel, type DescribeTranslator } from "./describe";

const tIn = (locale: "en" | "es") => {
  const { t } = translatorFor(locale);
  return ((key: string, values?: Record<string, string | number>) => t(`programs.describe.${key}` as never, values as never)) as DescribeTranslator;
};
const en = tIn("en");
const es = tIn("es");

describe("describeRule", () => {
  it("says a target in plain words, with the number formatted for the reader", () => {
    const rule = { kind: "target", metric: "courses_completed", atLeast: 50 };
    expect(describeRule(rule, { metricLabel: "courses completed", achievementName: "Silver" }, en)).toBe("Award Silver when courses completed reaches 50");
    expect(describeRule({ ...rule, atLeast: 1500 }, { metricLabel: "cursos completados", achievementName: "Plata" }, es)).toBe("Otorgar Plata cuando cursos completados llegue a 1500");
    expect(describeRule({ ...rule, atLeast: 12000 }, { metricLabel: "points", achievementName: "Gold" }, en)).toBe("Award Gold when points reaches 12,000");
  });

  it("names a pathway's requirements: all of them, or any N", () => {
    const rule = { kind: "pathway", requires: ["a", "b", "c"], count: null };
    const names = { achievementName: "Full stack", requiresNames: ["Frontend", "Backend", "Databases"] };
    expect(describeRule(rule, names, en)).toBe("Award Full stack when the learner holds all of Frontend, Backend, Databases");
    expect(describeRule({ ...rule, count: 2 }, names, en)).toBe("Award Full stack when the learner holds any 2 of Frontend, Backend, Databases");
    // A count equal to the list is "all".
    expect(describeRule({ ...rule, count: 3 }, names, en)).toBe("Award Full stack when the learner holds all of Frontend, Backend, Databases");
  });

  it("counts streak periods in weeks or months, singular and plural", () => {
    const names = { metricLabel: "events attended", achievementName: "Regular" };
    expect(describeRule({ kind: "streak", metric: "events_attended", periods: 4, unit: "week" }, names, en)).toBe("Award Regular after 4 consecutive weeks with events attended");
    expect(describeRule({ kind: "streak", metric: "events_attended", periods: 1, unit: "week" }, names, en)).toBe("Award Regular after 1 week with events attended");
    expect(describeRule({ kind: "streak", metric: "events_attended", periods: 3, unit: "month" }, names, es)).toBe("Otorgar Regular tras 3 meses consecutivos con events attended");
  });

  it("tells the two kinds of loyalty apart", () => {
    expect(describeRule({ kind: "loyalty", months: 12 }, { achievementName: "Veteran" }, en)).toBe("Award Veteran 12 months after joining");
    expect(describeRule({ kind: "loyalty", months: 1 }, { achievementName: "Veterano" }, es)).toBe("Otorgar Veterano 1 mes después de inscribirse");
    expect(describeRule({ kind: "loyalty", months: null, metric: "logins", atLeast: 10, withinDays: 30 }, { metricLabel: "logins", achievementName: "Keen" }, en)).toBe(
      "Award Keen for 10 activities of logins within 30 days",
    );
  });
});

describe("metricLabel", () => {
  const metrics = [{ key: "courses_completed", label: { en: "courses completed", es: "cursos completados" } }, { key: "hours", label: { en: "hours" } }];

  it("reads the program's label in the reader's language, falling back to English, then the key", () => {
    expect(metricLabel("courses_completed", metrics, "es", es)).toBe("cursos completados");
    expect(metricLabel("hours", metrics, "es", es)).toBe("hours");
    expect(metricLabel("unknown_metric", metrics, "en", en)).toBe("unknown_metric");
  });

  it("names Laurel's own metrics from the catalog", () => {
    expect(metricLabel("laurel.credentials_shared", metrics, "en", en)).toBe("credentials shared");
    expect(metricLabel("laurel.share_clicks", metrics, "es", es)).toBe("clics en credenciales compartidas");
  });
});
