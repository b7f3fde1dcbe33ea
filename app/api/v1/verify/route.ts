import { publicPreflight, publicRoute } from "@/lib/http/public-route";
import { presentVerification } from "@/lib/verifier/present";
import { readVerifyRequest } from "@/lib/verifier/read-request";
import { verifyAnything } from "@/lib/verifier/verify-anything";

// POST /api/v1/verify: no key needed, rate-limited per IP; nothing submitted is stored. Any web
// page may call it, so its answers (refusals too) carry CORS headers and preflight is answered.
export const POST = publicRoute({ params: {}, cache: "none", rateLimit: "verify", cors: true }, async (request) =>
  Response.json(presentVerification(await verifyAnything(await readVerifyRequest(request)))),
);

export const OPTIONS = () => publicPreflight(["POST"]);
