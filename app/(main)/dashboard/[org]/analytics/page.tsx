import { UpcomingSectionPage } from "@/components/dashboard/upcoming-section";

export default function Page({ params }: { params: Promise<{ org: string }> }) {
  return <UpcomingSectionPage params={params} section="analytics" />;
}
