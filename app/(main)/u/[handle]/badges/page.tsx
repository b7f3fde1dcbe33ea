import type { Metadata } from "next";
import { renderProfilePage } from "@/components/public/profile-page";
import { profilePageMetadata } from "../profile-page";

// /u/{handle}/badges: every public credential of a profile.
type Props = { params: Promise<{ handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return profilePageMetadata((await params).handle);
}

export default async function AllProfileBadgesPage({ params }: Props) {
  return renderProfilePage((await params).handle, { showAll: true, personal: true });
}
