import type { Metadata } from "next";
import { renderProfilePage } from "@/components/public/profile-page";
import { profilePageMetadata } from "./profile-page";

type Props = { params: Promise<{ handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return profilePageMetadata((await params).handle);
}

export default async function ProfilePage({ params }: Props) {
  return renderProfilePage((await params).handle, { personal: true });
}
