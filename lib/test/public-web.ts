// "The web" as a verifier outside Laurel sees it, with no network: Laurel's public URLs answer
// through their real route handlers (found on disk through the URL table, with next.config's
// Accept rewrites), the JSON-LD contexts and 1EdTech schemas at their published URLs answer
// with the copies bundled in lib/ob, and every other URL is a 404. A test hands `fetch` to a
// third-party verifier (as globalThis.fetch) or `json` to a document loader.
import { env } from "@/lib/env";
import { matchPublicPath, PUBLIC_URLS, type PublicUrlEntry } from "@/lib/http/url-contract";
import { ACHIEVEMENT_CREDENTIAL_SCHEMA_URL } from "@/lib/ob/build";
import { CONTEXTS } from "@/lib/ob/contexts";
import achievementCredentialSchema from "@/lib/ob/schemas/achievementcredential.json" with { type: "json" };
import { appEntries, routeHandler } from "./app-routes";

const SCHEMAS: Record<string, unknown> = { [ACHIEVEMENT_CREDENTIAL_SCHEMA_URL]: achievementCredentialSchema };

export type PublicWeb = {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The parsed JSON at a URL (fragment dropped), or a thrown error for anything but a 200. */
  json(url: string): Promise<unknown>;
  /** Every URL asked for, in order, without fragments. */
  asked: string[];
  /** The URLs asked for that nothing here serves (a verifier trying to reach the internet). */
  refused: string[];
};

const jsonResponse = (document: unknown) => new Response(JSON.stringify(document), { status: 200, headers: { "content-type": "application/json" } });

export function publicWeb(): PublicWeb {
  const entries = appEntries();
  const asked: string[] = [];
  const refused: string[] = [];
  const base = new URL(env().BASE_URL);

  async function laurel(url: URL, accept: string): Promise<Response | null> {
    if (url.origin !== base.origin) return null;
    const path = url.pathname.slice(base.pathname.replace(/\/$/, "").length);
    const match = matchPublicPath(path);
    if (!match) return null;
    const entry: PublicUrlEntry = PUBLIC_URLS[match.name];
    // Pages answer machines only through the route next.config.js rewrites JSON requests to.
    const wantsJson = /application\/(ld\+)?json/.test(accept);
    const pattern = entry.answer.kind === "route" ? entry.pattern : wantsJson ? entry.answer.json : undefined;
    const route = pattern ? entries.find((candidate) => candidate.kind === "route" && candidate.path === pattern) : undefined;
    if (!route) return null;
    const GET = await routeHandler(route, "GET");
    return GET(new Request(url, { headers: { accept } }), { params: Promise.resolve(match.params) });
  }

  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    url.hash = "";
    asked.push(url.href);
    const known = CONTEXTS[url.href] ?? SCHEMAS[url.href];
    if (known) return jsonResponse(known);
    const answer = await laurel(url, request.headers.get("accept") ?? "*/*");
    if (answer) return answer;
    refused.push(url.href);
    return new Response("Not found", { status: 404 });
  }

  return {
    fetch,
    asked,
    refused,
    async json(url: string) {
      const response = await fetch(url.split("#")[0], { headers: { accept: "application/ld+json, application/json" } });
      if (!response.ok) throw Object.assign(new Error(`${url} answered HTTP ${response.status}`), { status: response.status });
      return response.json();
    },
  };
}
