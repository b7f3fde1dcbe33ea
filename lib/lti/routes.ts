import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import { translatorFor } from "@/lib/i18n/translator";
import { log } from "@/lib/log";
import { refreshLaunchingLearner } from "./awards";
import { LtiLaunchError } from "./errors";
import { launchForm, verifyLaunch } from "./launch";
import { loginParameters, startLogin } from "./login";

/**
 * The platform-facing endpoints' work, for their route files: login initiation and launch. Any
 * refusal is a page in the person's language with status 400 or 401 (402 for a plan without LTI),
 * its reason logged; never a 500 for bad input.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The page a refused login or launch shows inside the platform's frame. */
export function launchErrorPage(request: Request, error: LtiLaunchError): Response {
  const { locale, t } = translatorFor(localeFromAcceptLanguage(request.headers.get("accept-language")));
  const title = t("lti.errors.title" as never);
  const body = t(`lti.errors.reasons.${error.reason}` as never);
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escape(title)} · Laurel</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem;color:#1c1917;background:#fafaf9}main{max-width:36rem;margin:0 auto;background:#fff;border:1px solid #e7e5e4;border-radius:.75rem;padding:1.5rem}h1{font-size:1.25rem;margin:0 0 .75rem}p{line-height:1.5;margin:.5rem 0}code{font-size:.8rem;color:#44403c}</style>
</head><body><main data-lti-error="${error.reason}"><h1>${escape(title)}</h1><p>${escape(body)}</p><p>${escape(t("lti.errors.relaunch" as never))}</p><p><code>${escape(t("lti.errors.code" as never, { code: error.reason } as never))}</code></p></main></body></html>`;
  return new Response(html, { status: error.status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function refused(request: Request, error: unknown, organizationId: string, step: string): Response {
  if (!(error instanceof LtiLaunchError)) throw error;
  log.warn({ organizationId, step, reason: error.reason, detail: error.message }, "LTI request refused");
  return launchErrorPage(request, error);
}

export async function loginRoute(request: Request, organizationId: string): Promise<Response> {
  try {
    const location = await startLogin(organizationId, await loginParameters(request));
    return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
  } catch (error) {
    return refused(request, error, organizationId, "login");
  }
}

/** Where a verified launch continues, in Laurel's own pages (the token names the launch). */
export function toolPagePath(kind: "resource" | "deepLinking", token: string): string {
  return `/lti/${kind === "deepLinking" ? "pick" : "tool"}?launch=${encodeURIComponent(token)}`;
}

export async function launchRoute(request: Request, organizationId: string): Promise<Response> {
  try {
    const launch = await verifyLaunch(organizationId, await launchForm(request));
    if (launch.kind === "resource" && !launch.instructor) {
      // The learner's own result, so the page shows their progress as of now; the page works without it.
      await refreshOnLaunch(launch.launchId).catch((error: unknown) => log.warn({ err: error, launchId: launch.launchId }, "could not read the learner's result at launch"));
    }
    return new Response(null, { status: 303, headers: { location: `${env().BASE_URL}${toolPagePath(launch.kind, launch.token)}`, "cache-control": "no-store" } });
  } catch (error) {
    return refused(request, error, organizationId, "launch");
  }
}

async function refreshOnLaunch(launchId: string): Promise<void> {
  const launch = await db.ltiLaunch.findUnique({ where: { id: launchId }, select: { resourceLinkRowId: true, userId: true, email: true, name: true } });
  if (launch?.resourceLinkRowId) await refreshLaunchingLearner(launch.resourceLinkRowId, { userId: launch.userId, email: launch.email, name: launch.name });
}
