import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { renderProfilePage } from "@/components/public/profile-page";
import { isLocale } from "@/lib/i18n/config";
import { loadProfilePage } from "@/lib/public/loaders";
import { profileMetadata } from "@/lib/public/page-metadata";

// Shared by the cached /u/{handle} and /u/{handle}/badges for signed-out people (no cookies,
// headers or session here: the locale comes from the path).

export async function cachedProfileMetadata(locale: string, handle: string): Promise<Metadata> {
  const profile = isLocale(locale) ? await loadProfilePage(handle) : null;
  return profile ? profileMetadata(profile, locale) : {};
}

export async function renderCachedProfilePage(locale: string, handle: string, options: { showAll?: boolean } = {}) {
  setRequestLocale(locale);
  return renderProfilePage(handle, options);
}
