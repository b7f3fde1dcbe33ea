import { notFound } from "next/navigation";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { errorResponse } from "@/lib/http/respond";
import { getSessionUser, requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { recordShare } from "@/lib/sharing/record-share";
import { shareTargets } from "@/lib/sharing/share-targets";
import { isShareChannel } from "@/lib/sharing/share-urls";

type Params = { params: Promise<{ credentialId: string; channel: string }> };

const noStore = { "Cache-Control": "private, no-store" };

/**
 * A share button: records the share, then sends the learner to the network's share form (a
 * plain link, so it works without JavaScript). A private credential goes to the share page,
 * which says to make it public first.
 */
export async function GET(_request: Request, { params }: Params) {
  const { credentialId, channel } = await params;
  if (!isShareChannel(channel) || !isId(credentialId)) notFound();
  const user = await requireUser(`/backpack/share/${encodeURIComponent(credentialId)}/${channel}`);
  let outcome;
  try {
    outcome = await recordShare(user.id, credentialId, channel);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  if (!outcome.shared) return redirectTo(`${env().BASE_URL}/backpack/share/${encodeURIComponent(credentialId)}`, 303);
  const targets = await shareTargets(credentialId);
  return redirectTo(targets.channels[channel].actionUrl, 302);
}

/** Copying the link or an embed snippet in the panel: recorded the same way, answered with 204. */
export async function POST(request: Request, { params }: Params) {
  const { credentialId, channel } = await params;
  try {
    if (!isShareChannel(channel)) throw new AppError("not_found", "Unknown share channel");
    if (!isSameOrigin(request.headers, env().BASE_URL)) throw new AppError("forbidden", "Cross-site request refused");
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthorized", "Sign in to share");
    const outcome = await recordShare(user.id, credentialId, channel);
    if (!outcome.shared) throw new AppError("forbidden", "Make this credential public to share it");
    return new Response(null, { status: 204, headers: noStore });
  } catch (error) {
    return errorResponse(error);
  }
}

// Location is written as is: a mailto: link or a network URL must not be re-encoded.
function redirectTo(location: string, status: 302 | 303): Response {
  return new Response(null, { status, headers: { Location: location, ...noStore } });
}
