import { exportAccount } from "@/lib/backpack/export-account";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http/user-route";

// The signed-in person's data as a zip download.
export const GET = withUser({ params: {} }, async (_request, { user }) => {
  const zip = await exportAccount(user.id);
  if (!zip) throw new AppError("unauthorized", "Sign in to download your data");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="laurel-data-${day}.zip"`,
      "Content-Length": String(zip.length),
      "Cache-Control": "private, no-store",
    },
  });
});
