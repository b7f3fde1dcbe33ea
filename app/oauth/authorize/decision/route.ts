import { AppError } from "@/lib/errors";
import { readFormWithLimit } from "@/lib/http/read-body";
import { withUser } from "@/lib/http/user-route";
import { authorizationParams, decideAuthorization } from "@/lib/ob-api/authorization";

// The consent page's answer: allow or deny, then back to the app (or to the page's refusal).
export const POST = withUser({ params: {}, signIn: "401" }, async (request, { user }) => {
  const form = await readFormWithLimit(request, 16 * 1024).catch(() => {
    throw new AppError("validation_failed", "Send the consent form", { form: { code: "invalid" } });
  });
  const params = authorizationParams((name) => form.get(name));
  const outcome = await decideAuthorization(user.id, params, form.get("decision") === "allow");
  if (outcome.kind === "redirect") return new Response(null, { status: 303, headers: { Location: outcome.location } });
  const back = new URL("/oauth/authorize", request.url);
  for (const [name, value] of Object.entries(params)) back.searchParams.set(name, value);
  return new Response(null, { status: 303, headers: { Location: `${back.pathname}${back.search}` } });
});
