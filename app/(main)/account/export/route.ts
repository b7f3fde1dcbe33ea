import { getSessionUser } from "@/lib/auth/session";
import { exportAccount } from "@/lib/backpack/export-account";

// The signed-in person's data as a zip download.
export async function GET(): Promise<Response> {
  const user = await getSessionUser();
  const zip = user ? await exportAccount(user.id) : null;
  if (!user || !zip) {
    return Response.json({ error: { code: "unauthorized", message: "Sign in to download your data", details: {} } }, { status: 401 });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="laurel-data-${day}.zip"`,
      "Content-Length": String(zip.length),
      "Cache-Control": "private, no-store",
    },
  });
}
