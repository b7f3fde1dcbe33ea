import { describe, expect, it } from "vitest";
import { isMutatingMethod, isSameOrigin } from "./same-origin";

const BASE = "https://laurel.example";
const h = (values: Record<string, string>) => new Headers(values);

describe("isSameOrigin", () => {
  it("accepts Laurel's own origin, by BASE_URL or by the host the request was sent to", () => {
    expect(isSameOrigin(h({ origin: "https://laurel.example" }), BASE)).toBe(true);
    expect(isSameOrigin(h({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), BASE)).toBe(true);
    expect(isSameOrigin(h({ origin: "https://app.laurel.example", host: "internal:3000", "x-forwarded-host": "app.laurel.example" }), BASE)).toBe(true);
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["a look-alike host", { origin: "https://laurel.example.evil.example" }],
    ["another port", { origin: "https://laurel.example:8443" }],
    ["Origin: null (sandboxed frame, file: page)", { origin: "null" }],
    ["an empty Origin", { origin: "" }],
    ["a non-web scheme", { origin: "chrome-extension://abc" }],
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["a foreign Referer", { referer: "https://evil.example/page" }],
    ["a foreign Origin even with a matching Referer", { origin: "https://evil.example", referer: "https://laurel.example/x" }],
  ])("refuses %s", (_label, headers) => {
    expect(isSameOrigin(h({ host: "laurel.example", ...headers }), BASE)).toBe(false);
  });

  it("falls back to Sec-Fetch-Site, then Referer, and lets through a request that is not from a browser page", () => {
    expect(isSameOrigin(h({ "sec-fetch-site": "same-origin" }), BASE)).toBe(true);
    expect(isSameOrigin(h({ referer: "https://laurel.example/dashboard/acme" }), BASE)).toBe(true);
    expect(isSameOrigin(h({}), BASE)).toBe(true);
  });
});

describe("isMutatingMethod", () => {
  it("treats everything but GET, HEAD and OPTIONS as a change", () => {
    expect(["GET", "head", "OPTIONS"].map(isMutatingMethod)).toEqual([false, false, false]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map(isMutatingMethod)).toEqual([true, true, true, true]);
  });
});
