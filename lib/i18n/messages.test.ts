import { describe, it, expect } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import { catalogs as sources } from "@/lib/i18n/messages";
const { en, es } = sources;

type Tree = { [key: string]: string | Tree };

/** Flattens a message tree into dotted keys → message strings. */
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

type ArgKind = "string" | "number" | "date" | "select" | "tag";

/** Collects every ICU argument (and tag) name in a parsed message, with the kind of value it needs. */
function collectArgs(elements: MessageFormatElement[], into = new Map<string, ArgKind>()): Map<string, ArgKind> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        if (!into.has(el.value)) into.set(el.value, "string");
        break;
      case TYPE.number:
        into.set(el.value, "number");
        break;
      case TYPE.date:
      case TYPE.time:
        into.set(el.value, "date");
        break;
      case TYPE.plural:
        into.set(el.value, "number");
        for (const option of Object.values(el.options)) collectArgs(option.value, into);
        break;
      case TYPE.select:
        into.set(el.value, "select");
        for (const option of Object.values(el.options)) collectArgs(option.value, into);
        break;
      case TYPE.tag:
        into.set(el.value, "tag");
        collectArgs(el.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

function argsOf(message: string): Map<string, ArgKind> {
  return collectArgs(parse(message));
}

function dummyValues(args: Map<string, ArgKind>) {
  const values: Record<string, string | number | Date | ((chunks: string) => string)> = {};
  for (const [name, kind] of args) {
    if (kind === "number") values[name] = 2;
    else if (kind === "date") values[name] = new Date(Date.UTC(2025, 0, 15));
    else if (kind === "select") values[name] = "other";
    else if (kind === "tag") values[name] = (chunks: string) => chunks;
    else values[name] = `[${name}]`;
  }
  return values;
}

const catalogs = { en: flatten(en as Tree), es: flatten(es as Tree) } as const;

describe("message catalogs", () => {
  it("es.json has every key en.json has", () => {
    const missing = [...catalogs.en.keys()].filter((key) => !catalogs.es.has(key));
    expect(missing, `Missing Spanish keys:\n${missing.join("\n")}`).toEqual([]);
  });

  it("es.json has no keys en.json lacks", () => {
    const extra = [...catalogs.es.keys()].filter((key) => !catalogs.en.has(key));
    expect(extra, `Spanish keys not in English:\n${extra.join("\n")}`).toEqual([]);
  });

  it("no Spanish message is empty", () => {
    const empty = [...catalogs.es].filter(([, value]) => value.trim() === "").map(([key]) => key);
    expect(empty, `Empty Spanish messages:\n${empty.join("\n")}`).toEqual([]);
  });

  it("every Spanish message uses the same ICU arguments as the English one", () => {
    const mismatches: string[] = [];
    for (const [key, english] of catalogs.en) {
      const spanish = catalogs.es.get(key);
      if (spanish === undefined) continue;
      const want = [...argsOf(english).keys()].sort();
      let got: string[];
      try {
        got = [...argsOf(spanish).keys()].sort();
      } catch (error) {
        mismatches.push(`${key}: Spanish message does not parse (${(error as Error).message})`);
        continue;
      }
      if (want.join(",") !== got.join(",")) mismatches.push(`${key}: en {${want.join(", ")}} vs es {${got.join(", ")}}`);
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });

  for (const locale of ["en", "es"] as const) {
    it(`every ${locale} message compiles and formats`, () => {
      const errors: string[] = [];
      const messages = locale === "en" ? en : es;
      const t = createTranslator({
        locale,
        messages: messages as Tree,
        onError: (error) => errors.push(`${error.code}: ${error.message}`),
      }) as unknown as {
        (key: string, values?: Record<string, unknown>): string;
        markup(key: string, values?: Record<string, unknown>): string;
      };
      const failures: string[] = [];
      for (const [key, message] of catalogs[locale]) {
        errors.length = 0;
        let output: string;
        try {
          const args = argsOf(message);
          const values = dummyValues(args);
          const hasTags = [...args.values()].includes("tag");
          output = hasTags ? t.markup(key, values) : t(key, values);
        } catch (error) {
          failures.push(`${key}: threw ${(error as Error).message}`);
          continue;
        }
        if (errors.length > 0) failures.push(`${key}: ${errors.join("; ")}`);
        else if (typeof output !== "string" || output === key || output.trim() === "") {
          failures.push(`${key}: formatted to ${JSON.stringify(output)}`);
        }
      }
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }

  it("formats Spanish plurals with the count", () => {
    const t = createTranslator({ locale: "es", messages: es as Tree }) as unknown as (
      key: string,
      values?: Record<string, unknown>,
    ) => string;
    expect(t("dashboard.members.listTitle", { count: 1 })).toBe("1 miembro");
    expect(t("dashboard.members.listTitle", { count: 3 })).toBe("3 miembros");
    expect(t("errors.codes.rate_limited", { minutes: 5 })).toContain("5 minutos");
  });
});

describe("localeFromAcceptLanguage", () => {
  it("picks Spanish when it is preferred", () => {
    expect(localeFromAcceptLanguage("es-ES,es;q=0.9,en;q=0.8")).toBe("es");
  });

  it("falls back to the default for unsupported languages", () => {
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9")).toBe("en");
  });

  it("honours q-values over header order", () => {
    expect(localeFromAcceptLanguage("en;q=0.1, es;q=0.8")).toBe("es");
  });

  it("uses the default for an empty header", () => {
    expect(localeFromAcceptLanguage("")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
  });
});
