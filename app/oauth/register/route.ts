import { publicPreflight, publicRoute } from "@/lib/http/public-route";
import { readBodyWithLimit } from "@/lib/http/read-body";
import { registerClient, RegistrationError } from "@/lib/ob-api/clients";

const MAX_REGISTRATION_BYTES = 32 * 1024;

// OAuth 2.0 Dynamic Client Registration (RFC 7591) for wallets and badge platforms.
export const POST = publicRoute({ params: {}, cache: "none", rateLimit: "registration", cors: true }, async (request) => {
  let body: unknown;
  try {
    body = JSON.parse(await readBodyWithLimit(request, MAX_REGISTRATION_BYTES));
  } catch {
    return Response.json({ error: "invalid_client_metadata", error_description: `The body must be a JSON object of at most ${MAX_REGISTRATION_BYTES} bytes` }, { status: 400 });
  }
  try {
    return Response.json(await registerClient(body), { status: 201 });
  } catch (error) {
    if (!(error instanceof RegistrationError)) throw error;
    return Response.json({ error: error.error, error_description: error.description }, { status: 400 });
  }
});

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => publicPreflight(["POST"]));
