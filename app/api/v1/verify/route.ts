import { publicRoute } from "@/lib/http/public-route";
import { presentVerification } from "@/lib/verifier/present";
import { readVerifyRequest } from "@/lib/verifier/read-request";
import { verifyAnything } from "@/lib/verifier/verify-anything";

// POST /api/v1/verify: no key needed, rate-limited per IP; nothing submitted is stored.
export const POST = publicRoute({ params: {}, cache: "none", rateLimit: "verify" }, async (request) =>
  Response.json(presentVerification(await verifyAnything(await readVerifyRequest(request))), { headers: { "Access-Control-Allow-Origin": "*" } }),
);
