import { revalidatePath } from "next/cache";
import { locales } from "@/lib/i18n/config";
import { log } from "@/lib/log";

// Signed-out visitors get public pages from a cache, one copy per locale
// (app/(cached)/cached/[locale]/…). Whatever changes what a page shows calls one of these so
// the next visitor sees the change at once; the pages also expire on their own after a minute.
function revalidate(path: (locale: string) => string) {
  const outsideNext: string[] = [];
  for (const locale of locales) {
    try {
      revalidatePath(path(locale));
    } catch {
      outsideNext.push(path(locale));
    }
  }
  // Outside a Next.js request (a worker's job, a script): with several instances the shared
  // cache in Redis is told directly; alone, there is no cache here and the page expires on its own.
  if (outsideNext.length > 0 && process.env.REDIS_URL) void markInSharedCache(outsideNext);
}

async function markInSharedCache(paths: string[]): Promise<void> {
  try {
    const { markRevalidated, pathTag } = await import("@/lib/cache/redis-cache-handler.mjs");
    await markRevalidated(paths.map(pathTag));
  } catch (error) {
    log.warn({ err: error, paths }, "could not mark pages revalidated in the shared cache");
  }
}

export const revalidatePublicPages = {
  credential: (credentialId: string) => revalidate((locale) => `/cached/${locale}/c/${credentialId}`),
  achievement: (achievementId: string) => revalidate((locale) => `/cached/${locale}/b/${achievementId}`),
  issuer: (organizationId: string) => revalidate((locale) => `/cached/${locale}/o/${organizationId}`),
  program: (programId: string) => revalidate((locale) => `/cached/${locale}/p/${programId}`),
  profile: (handle: string | null | undefined) => {
    if (!handle) return;
    revalidate((locale) => `/cached/${locale}/u/${handle}`);
    revalidate((locale) => `/cached/${locale}/u/${handle}/badges`);
  },
};
