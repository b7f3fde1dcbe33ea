import { withOrg } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { badgeDesignSchema } from "@/lib/design/badge-design";
import { imageResponse } from "@/lib/design/image-response";
import { renderBadgeSvg } from "@/lib/design/render-badge";
import { parseInput } from "@/lib/errors";

// The designer's live preview: the same server renderer as the saved badge, so what you see is
// what credentials carry.
export const POST = withOrg<{ org: string }>({ role: REQUIRED_ROLE["achievements:design"] }, async (request) => {
  const design = parseInput(badgeDesignSchema, await request.json());
  return imageResponse(await renderBadgeSvg(design), "svg");
});
