import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeRedirect } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackUrl("/invite/abc?x=1")).toBe("/invite/abc?x=1");
    expect(safeCallbackUrl("/dashboard/acme#members")).toBe("/dashboard/acme#members");
    expect(safeCallbackUrl("/backpack/claim/c1?email=a%40b.example")).toBe("/backpack/claim/c1?email=a%40b.example");
    expect(safeCallbackUrl(["/account", "/other"])).toBe("/account");
  });

  // Each of these lands on another site in a browser, as typed or once decoded again.
  const offSite = [
    "https://evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example", // ?callbackUrl=/%09/evil.example, as Next decodes it
    "/%09/evil.example", // the same, still encoded
    "/\n/evil.example",
    "/\r/evil.example",
    "/ /evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example", // encoded twice
    "%2F%2Fevil.example",
    "/\u3000/evil.example",
    "/%E3%80%80/evil.example",
    "javascript:alert(1)",
    "/javascript:alert(1)".slice(1),
    "data:text/html,hi",
    "/%",
    "/%zz",
    "evil.example",
    "",
    undefined,
    null,
  ];
  it.each(offSite.map((url) => [JSON.stringify(url), url]))("refuses %s", (_label, url) => {
    expect(safeCallbackUrl(url as string | undefined)).toBe("/dashboard");
  });

  it("uses the given fallback", () => {
    expect(safeCallbackUrl("//evil.example", "/sign-in")).toBe("/sign-in");
  });
});

describe("safeRedirect (next-auth's redirect callback)", () => {
  const base = "https://laurel.example";
  it("keeps paths and URLs on Laurel's own origin", () => {
    expect(safeRedirect("/account", base)).toBe("https://laurel.example/account");
    expect(safeRedirect("https://laurel.example/dashboard/acme?x=1", base)).toBe("https://laurel.example/dashboard/acme?x=1");
  });
  it.each([
    "https://evil.example/x",
    "https://laurel.example.evil.example/",
    "http://laurel.example/account",
    "/\t/evil.example",
    "/%09/evil.example",
    "https://laurel.example//evil.example",
    "https://laurel.example/%2F%2Fevil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "not a url",
  ])("sends %j to the dashboard", (url) => {
    expect(safeRedirect(url, base)).toBe("https://laurel.example/dashboard");
  });
});
