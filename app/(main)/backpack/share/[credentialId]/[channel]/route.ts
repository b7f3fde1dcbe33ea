import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http/user-route";
import { recordShare } from "@/lib/sharing/record-share";
import { shareTargets } from "@/lib/sharing/share-targets";
import { isShareChannel } from "@/lib/sharing/share-urls";

type Params = { credentialId: string; channel: string };
const params = { credentialId: "id", channel: "channel" } as const;

const noStore = { "Cache-Control": "private, no-store" };

/**
 * A share button: records the share, then sends the learner to the network's share form (a
 * plain link, so it works without JavaScript). A private credential goes to the share page,
 * which says to make it public first.
 */
export const GET = withUser<Params>({ params, signIn: "redirect" }, async (_request, { user, params: { credentialId, channel } }) => {
  if (!isShareChannel(channel)) throw new AppError("not_found", "Unknown share channel");
  const outcome = await recordShare(user.id, credentialId, channel);
  if (!outcome.shared) return redirectTo(`${env().BASE_URL}/backpack/share/${encodeURIComponent(credentialId)}`, 303);
  const targets = await shareTargets(credentialId);
  return redirectTo(targets.channels[channel].actionUrl, 302);
});

/** Copying the link or an embed snippet in the panel: recorded the same way, answered with 204. */
export const POST = withUser<Params>({ params }, async (_request, { user, params: { credentialId, channel } }) => {
  if (!isShareChannel(channel)) throw new AppError("not_found", "Unknown share channel");
  const outcome = await recordShare(user.id, credentialId, channel);
  if (!outcome.shared) throw new AppError("forbidden", "Make this credential public to share it");
  return new Response(null, { status: 204, headers: noStore });
});

// Location is written as is: a mailto: link or a network URL must not be re-encoded.
function redirectTo(location: string, status: 302 | 303): Response {
  return new Response(null, { status, headers: { Location: location, ...noStore } });
}
