import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/config";
import { messagesFor } from "@/lib/i18n/messages";
import { AUDIT_ACTIONS } from "./actions";

describe("audit actions", () => {
  it("each reads as words in every language, never as its key", () => {
    for (const locale of locales) {
      const audit = messagesFor(locale).audit as unknown as Record<string, Record<string, string>>;
      const missing = AUDIT_ACTIONS.filter((action) => {
        const [domain, event] = action.split(".");
        const words = audit[domain]?.[event];
        return typeof words !== "string" || words.trim() === "" || words.includes(".");
      });
      expect(missing, locale).toEqual([]);
    }
  });
});
