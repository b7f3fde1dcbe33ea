import "server-only";
import { headers } from "next/headers";
import { forbidden as forbiddenPage, notFound as notFoundPage } from "next/navigation";
import { cache } from "react";
import type { z } from "zod";
import { entitlementsOf, requireFeature } from "@/lib/billing/entitlements";
import type { Feature } from "@/lib/billing/plans";
import { AppError, parseInput, type ErrorCode, type FieldErrors } from "@/lib/errors";
import { env } from "@/lib/env";
import { errorResponse, toAppError } from "@/lib/http/respond";
import { isId } from "@/lib/ids";
import { log } from "@/lib/log";
import { MESSAGE_TYPES } from "@/lib/lti/claims";
import { loadLaunch, type LtiLaunchContext } from "@/lib/lti/launch-context";
import { clientIp } from "./client-ip";
import { resolveOrgAccess, type OrgAccess } from "./org-access";
import { isMutatingMethod, isSameOrigin } from "./same-origin";
import type { Role } from "./roles";
import { getSessionUser, requireUser, type SessionUser } from "./session";

/**
 * The doors every request goes through: pages, server actions and route handlers each have
 * one wrapper that resolves who is asking, which organization, and whether their role allows
 * it. Tenant data is then queried with `ctx.org.id`, never an id from the request.
 */

export type OrgContext = OrgAccess & { user: SessionUser; ip: string };

// A layout and its page both ask; one lookup per request serves them.
const resolveOrgAccessOnce = cache(resolveOrgAccess);

/** For pages under /dashboard/[org]: non-members get the 404 page. */
export async function orgPage(orgSlug: string, required: Role = "viewer"): Promise<OrgContext> {
  const user = await requireUser(`/dashboard/${orgSlug}`);
  try {
    const access = await resolveOrgAccessOnce(user.id, orgSlug, required);
    return { ...access, user, ip: clientIp(await headers()) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFoundPage();
    if (error instanceof AppError && error.code === "forbidden") forbiddenPage();
    throw error;
  }
}

/**
 * A record id from a dashboard URL (`/dashboard/[org]/credentials/[id]`), checked for shape before
 * any query: a malformed one gets the 404 page, like an unknown one.
 */
export function pageId(value: string): string {
  if (!isId(value)) notFoundPage();
  return value;
}

export type ActionState<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fields?: FieldErrors; params?: Record<string, string | number> }
  | null;

function formDataToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    object[key] = value;
  }
  return object;
}

/** The same mapping as route handlers (lib/http/respond.ts): a zod or database data error is a failed state, not a 500. */
function failure(error: unknown): ActionState<never> {
  const known = toAppError(error);
  if (known) return { ok: false, code: known.code, message: known.message, fields: known.fields, params: known.params };
  throw error; // redirect(), notFound() and real bugs propagate
}

async function run<T>(body: () => Promise<T>): Promise<ActionState<T>> {
  try {
    const data = await body();
    return { ok: true, data };
  } catch (error) {
    if (!toAppError(error) && !(error instanceof Error && "digest" in error)) {
      log.error({ err: error }, "server action failed");
    }
    return failure(error);
  }
}

/**
 * A server action on an organization's data. The form carries the org slug in a field named
 * `org`; the wrapper checks the session, membership and role, parses the rest with `schema`,
 * and returns a state the form renders (field errors included).
 */
export function orgAction<S extends z.ZodType, T = undefined>(
  options: { role: Role; schema: S; /** A plan feature the action needs (refused with payment_required). */ feature?: Feature },
  handler: (input: z.infer<S>, ctx: OrgContext) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> =>
    run(async () => {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Please sign in again");
      const slug = formData.get("org");
      if (typeof slug !== "string") throw new AppError("not_found", "Organization not found");
      const access = await resolveOrgAccess(user.id, slug, options.role);
      if (options.feature) requireFeature(access.org, options.feature);
      const input = parseInput(options.schema, formDataToObject(formData));
      return handler(input, { ...access, user, ip: clientIp(await headers()) });
    });
}

/** A server action of the signed-in person (account settings, creating an organization). */
export function userAction<S extends z.ZodType, T = undefined>(
  options: { schema: S },
  handler: (input: z.infer<S>, ctx: { user: SessionUser; ip: string }) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> =>
    run(async () => {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Please sign in again");
      const input = parseInput(options.schema, formDataToObject(formData));
      return handler(input, { user, ip: clientIp(await headers()) });
    });
}

/** A server action anyone may call (sign-up, password reset); rate limits live in the handler. */
export function publicAction<S extends z.ZodType, T = undefined>(
  options: { schema: S },
  handler: (input: z.infer<S>, ctx: { ip: string }) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> =>
    run(async () => {
      const input = parseInput(options.schema, formDataToObject(formData));
      return handler(input, { ip: clientIp(await headers()) });
    });
}

type RouteContext<P> = { params: Promise<P> };

/** A route handler on an organization's data, addressed as /api/orgs/{org}/… */
export function withOrg<P extends { org: string }>(
  options: { role: Role; /** A plan feature the route needs (HTTP 402 otherwise). */ feature?: Feature },
  handler: (request: Request, ctx: OrgContext & { params: P }) => Promise<Response>,
) {
  return async (request: Request, { params }: RouteContext<P>): Promise<Response> => {
    try {
      const resolved = await params;
      // The session cookie rides along with a form another site posts: refuse that first.
      if (isMutatingMethod(request.method) && !isSameOrigin(request.headers, env().BASE_URL)) {
        throw new AppError("forbidden", "Cross-site request refused");
      }
      // A malformed id answers like an unknown one, before any query sees it.
      for (const [name, value] of Object.entries(resolved)) {
        if ((name === "id" || name.endsWith("Id")) && !isId(value)) throw new AppError("not_found", "Not found");
      }
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Sign in to use this endpoint");
      const access = await resolveOrgAccess(user.id, resolved.org, options.role);
      if (options.feature) requireFeature(access.org, options.feature);
      return await handler(request, { ...access, user, ip: clientIp(request.headers), params: resolved });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Who may act on the tool page inside a learning platform (LTI): no Laurel session there, the
 * platform's roles instead. Instructors (and administrators) set a course up; learners see their
 * own badge.
 */
export type LtiRole = "instructor" | "learner";
export type LtiContext = LtiLaunchContext & { ip: string };
type LtiMessage = "resource" | "deepLinking";
const LTI_MESSAGES: Record<LtiMessage, string> = { resource: MESSAGE_TYPES.resourceLink, deepLinking: MESSAGE_TYPES.deepLinking };

/**
 * For the tool pages (`/lti/tool`, `/lti/pick`): the launch the page's `launch` token names, with
 * the plan's LTI feature and the kind of launch checked. Refusals are for the page to explain:
 * `expired` (a forged, stale or unknown token: relaunch from the course), `plan`, `message`.
 */
export async function ltiPage(token: unknown, message: LtiMessage): Promise<{ ok: true; ctx: LtiContext } | { ok: false; reason: "expired" | "plan" | "message" }> {
  const launch = await loadLaunch(token);
  if (!launch) return { ok: false, reason: "expired" };
  if (!entitlementsOf(launch.org).features.includes("lti")) return { ok: false, reason: "plan" };
  if (launch.launch.messageType !== LTI_MESSAGES[message]) return { ok: false, reason: "message" };
  return { ok: true, ctx: { ...launch, ip: clientIp(await headers()) } };
}

/**
 * A server action on the tool page inside a platform. The form carries the launch token in a
 * field named `launch` (the page has no Laurel cookie in the platform's frame); the wrapper finds
 * the launch, checks its kind, the LTI role and the plan, then parses the rest with `schema`.
 * Everything the handler touches comes from the launch, never from ids in the form.
 */
export function ltiAction<S extends z.ZodType, T = undefined>(
  options: { role: LtiRole; message: LtiMessage; schema: S },
  handler: (input: z.infer<S>, ctx: LtiContext) => Promise<T>,
) {
  return async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> =>
    run(async () => {
      const launch = await loadLaunch(formData.get("launch"));
      if (!launch || launch.launch.messageType !== LTI_MESSAGES[options.message]) {
        throw new AppError("unauthorized", "This page has expired: open it again from the course");
      }
      if (options.role === "instructor" && !launch.instructor) throw new AppError("forbidden", "Only the course's instructors can do this");
      requireFeature(launch.org, "lti");
      const input = parseInput(options.schema, formDataToObject(formData));
      return handler(input, { ...launch, ip: clientIp(await headers()) });
    });
}
