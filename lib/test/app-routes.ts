import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * Every route handler and server action under app/, found on disk (never a hand list), with the
 * door each export is built by. Architecture tests use it: every export needs a door, and the
 * cross-tenant matrix calls each one as each kind of stranger.
 */

/** The doors, and the one module each must be imported from to count. */
export const DOORS = {
  publicRoute: "@/lib/http/public-route",
  withUser: "@/lib/http/user-route",
  withOrg: "@/lib/auth/guard",
  withApiKey: "@/lib/api/handler",
  withWalletToken: "@/lib/ob-api/resource",
  orgAction: "@/lib/auth/guard",
  userAction: "@/lib/auth/guard",
  publicAction: "@/lib/auth/guard",
  ltiAction: "@/lib/auth/guard",
} as const;
export type DoorName = keyof typeof DOORS;

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
// Route segment config (https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config): not handlers.
const SEGMENT_CONFIG = new Set(["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration", "experimental_ppr"]);

export type AppExport = { name: string; door: DoorName | null };
export type AppEntry = {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  kind: "route" | "actions";
  /** The URL path the file answers (route groups removed): `/c/[id]/credential.json`. */
  path: string;
  /** The dynamic segments of `path`, in order (`[...slug]` as `slug`). */
  params: string[];
  exports: AppExport[];
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(full);
    return entry.name === "route.ts" || entry.name === "actions.ts" ? [full] : [];
  });
}

/** The identifiers a module imports, mapped to the module they come from. */
function importsOf(source: string): Map<string, string> {
  const imports = new Map<string, string>();
  for (const match of source.matchAll(/import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    for (const part of match[1].split(",")) {
      const [imported, local] = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/);
      if (imported) imports.set((local ?? imported).trim(), match[2]);
    }
  }
  return imports;
}

/** The exports of a route or actions module and, for each, the door that builds it (static reading). */
export function exportsOf(source: string): AppExport[] {
  const imports = importsOf(source);
  const doorOf = (callee: string): DoorName | null =>
    callee in DOORS && imports.get(callee) === DOORS[callee as DoorName] ? (callee as DoorName) : null;
  const found: AppExport[] = [];
  for (const match of source.matchAll(/^export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*([\s\S]{0,200})/gm)) {
    if (SEGMENT_CONFIG.has(match[1])) continue;
    const callee = /^(\w+)\s*(?:<[^()]*?>)?\s*\(/.exec(match[2])?.[1];
    found.push({ name: match[1], door: callee ? doorOf(callee) : null });
  }
  for (const match of source.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*(\w+)/gm)) found.push({ name: match[1], door: null });
  for (const match of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name) found.push({ name, door: null });
    }
  }
  if (/^export\s+default\b/m.test(source)) found.push({ name: "default", door: null });
  return found;
}

/** The URL path of an app/ file: route groups and private folders' parentheses removed. */
export function urlPathOf(file: string): string {
  const segments = file.split("/").slice(1, -1).filter((segment) => !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

/** Every route.ts and actions.ts under `app/`, sorted by file. */
export function appEntries(root = process.cwd()): AppEntry[] {
  return walk(join(root, "app"))
    .map((full) => relative(root, full).split(sep).join("/"))
    .sort()
    .map((file) => {
      const kind = file.endsWith("/route.ts") ? "route" : "actions";
      const path = urlPathOf(file);
      const params = [...path.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((match) => match[1]);
      return { file, kind, path, params, exports: exportsOf(readFileSync(join(root, file), "utf8")) };
    });
}

/** Imports an entry's module (for calling its handlers in a test). */
export async function loadAppEntry(entry: AppEntry, root = process.cwd()): Promise<Record<string, unknown>> {
  return import(/* @vite-ignore */ join(root, entry.file));
}

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One exported route handler of an entry, ready to call as Next.js calls it. */
export async function routeHandler(entry: AppEntry, method: string, root = process.cwd()): Promise<RouteHandler> {
  const handler = (await loadAppEntry(entry, root))[method];
  if (typeof handler !== "function") throw new Error(`${entry.file} exports no ${method}`);
  return handler as RouteHandler;
}
