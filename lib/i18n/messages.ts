import en from "./messages/en.json";
import es from "./messages/es.json";
import type { Locale } from "./config";

export type Messages = typeof en;

type Tree = { [key: string]: string | Tree };

/** Fills keys a translation lacks with English, so a partial locale never shows raw keys. */
function withFallback(base: Tree, override: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const fallback = base[key];
    merged[key] =
      typeof value === "object" && typeof fallback === "object" ? withFallback(fallback, value) : value;
  }
  return merged;
}

const catalog: Record<Locale, Messages> = {
  en,
  es: withFallback(en as Tree, es as Tree) as Messages,
};

export function messagesFor(locale: Locale): Messages {
  return catalog[locale];
}
