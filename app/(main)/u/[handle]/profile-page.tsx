import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { loadProfilePage } from "@/lib/public/loaders";
import { profileMetadata } from "@/lib/public/page-metadata";

// The metadata of /u/{handle} and /u/{handle}/badges (which lists every credential), for
// signed-in viewers (signed-out people and crawlers get app/(cached)/…/u/[handle]).

export async function profilePageMetadata(handle: string): Promise<Metadata> {
  const profile = await loadProfilePage(handle);
  return profile ? profileMetadata(profile, await getLocale()) : {};
}
