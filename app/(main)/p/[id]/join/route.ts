import { withUser } from "@/lib/http/user-route";
import { joinAfterSignIn } from "@/lib/programs/join";

// Where "Join" sends a signed-out visitor back after signing up or in: enrols them, then shows
// the program's page saying so. A signed-out request is sent to sign in and comes back here.
export const GET = withUser<{ id: string }>({ params: { id: "id" }, signIn: "redirect" }, async (request, { user, params }) => {
  const location = await joinAfterSignIn(params.id, user, request.headers.get("sec-fetch-site"));
  return new Response(null, { status: 303, headers: { Location: location } });
});
