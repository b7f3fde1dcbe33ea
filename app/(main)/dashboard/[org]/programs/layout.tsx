import { getTranslations } from "next-intl/server";
import { FeatureLocked } from "@/components/billing/feature-locked";
import { orgPage } from "@/lib/auth/guard";
import { entitlementsOf } from "@/lib/billing/entitlements";

type Props = { children: React.ReactNode; params: Promise<{ org: string }> };

/** Every programs page needs the plan's "programs" feature, as the API and the events do. */
export default async function ProgramsLayout({ children, params }: Props) {
  const ctx = await orgPage((await params).org);
  const entitlements = entitlementsOf(ctx.org);
  if (!entitlements.features.includes("programs")) {
    return <FeatureLocked feature="programs" title={(await getTranslations("programs"))("title")} entitlements={entitlements} slug={ctx.org.slug} />;
  }
  return children;
}
