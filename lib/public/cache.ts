import { revalidatePath } from "next/cache";
import { locales } from "@/lib/i18n/config";

// Signed-out visitors get public pages from a cache, one copy per locale
// (app/(cached)/cached/[locale]/…). Whatever changes what a page shows calls one of these so
// the next visitor sees the change at once; the pages also expire on their own after a minute.
function revalidate(path: (locale: string) => string) {
  for (const locale of locales) {
    try {
      revalidatePath(path(locale));
    } catch {
      // Outside a Next.js request (a job, a script, a test) there is no cache to clear here;
      // the page expires on its own.
    }
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
