// Next.js calls register() once when the server starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: rate limits read the client's address from what this writes.
  (await import("./lib/server/peer-address")).installPeerAddress();
  // `next build` serves nobody: no migrations, no queue.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./lib/server/boot");
  await boot();
}
