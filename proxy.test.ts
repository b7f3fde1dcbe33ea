import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

const action = (headers: Record<string, string>) =>
  new NextRequest("http://localhost:3000/account", { method: "POST", headers: { host: "localhost:3000", "next-action": "7f00aa", ...headers } });

describe("proxy: server actions from another site", () => {
  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["a cross-site fetch without Origin", { "sec-fetch-site": "cross-site" }],
  ])("answers 403 to %s", async (_label, headers) => {
    const response = proxy(action(headers));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("lets Laurel's own pages through", () => {
    const response = proxy(action({ origin: "http://localhost:3000" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  it("runs only for requests that carry Next-Action", () => {
    expect(config.matcher).toEqual([{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }]);
  });
});
