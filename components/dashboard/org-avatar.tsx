import { cn } from "@/components/ui/cn";

export function OrgAvatar({ org, size = "md" }: { org: { name: string; logo: string | null; primaryColor: string }; size?: "sm" | "md" }) {
  const box = size === "sm" ? "h-6 w-6 text-xs" : "h-9 w-9 text-sm";
  if (org.logo) {
    // eslint-disable-next-line @next/next/no-img-element -- data URLs need no optimisation
    return <img src={org.logo} alt="" className={cn(box, "shrink-0 rounded object-contain")} />;
  }
  return (
    <span aria-hidden="true" className={cn(box, "flex shrink-0 items-center justify-center rounded font-bold text-white")} style={{ backgroundColor: org.primaryColor }}>
      {org.name.slice(0, 1).toUpperCase()}
    </span>
  );
}
