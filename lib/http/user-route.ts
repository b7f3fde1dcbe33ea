import "server-only";
import { errorResponse } from "@/lib/http/respond";
import { clientIp } from "@/lib/auth/client-ip";
import { isMutatingMethod, isSameOrigin } from "@/lib/auth/same-origin";
import { env } from "@/lib/env";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { validParams, type ParamFormat } from "./public-route";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The door of route handlers for the signed-in person's own things (their data export, their
 * imported images, their share buttons): path parameters are checked for format before any
 * query, a signed-out request is 401 (or, with `signIn: "redirect"`, sent to sign in and back),
 * a POST from another site's page is refused (the same-origin rule of every cookie door),
 * and answers are never stored by shared caches. Anything not theirs is their handler's 404.
 */
export function withUser<P extends Record<string, string> = Record<string, never>>(
  options: { params: { [K in keyof P]: ParamFormat }; signIn?: "401" | "redirect" },
  handler: (request: Request, ctx: { user: SessionUser; params: P; ip: string }) => Promise<Response>,
) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    try {
      const params = ((await context?.params) ?? {}) as Record<string, unknown>;
      if (isMutatingMethod(request.method) && !isSameOrigin(request.headers, env().BASE_URL)) {
        throw new AppError("forbidden", "Cross-site request refused");
      }
      if (!validParams(params, options.params)) throw new AppError("not_found", "Not found");
      const user = await getSessionUser();
      if (!user) {
        if (options.signIn === "redirect" && request.method === "GET") {
          const back = new URL(request.url).pathname;
          return new Response(null, { status: 303, headers: { Location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, "Cache-Control": "private, no-store" } });
        }
        throw new AppError("unauthorized", "Sign in to continue");
      }
      const response = await handler(request, { user, params: params as P, ip: clientIp(request.headers) });
      if (!/private|no-store/.test(response.headers.get("Cache-Control") ?? "")) {
        try {
          response.headers.set("Cache-Control", "private, no-store");
        } catch {
          return new Response(response.body, { status: response.status, headers: { ...Object.fromEntries(response.headers), "Cache-Control": "private, no-store" } });
        }
      }
      return response;
    } catch (error) {
      if (error instanceof Error && "digest" in error) throw error;
      return errorResponse(error);
    }
  };
}
