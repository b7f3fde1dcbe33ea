import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/invite/abc?x=1")).toBe("/invite/abc?x=1");
  });
  it("refuses other origins, protocol-relative and backslash tricks", () => {
    for (const url of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "", undefined]) {
      expect(safeCallbackUrl(url)).toBe("/dashboard");
    }
  });
});
