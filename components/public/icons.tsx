import { cn } from "@/components/ui/cn";

// Small icons for the public pages, drawn by CSS (`.icon-*` in app/globals.css) so a page carries
// a class name rather than an SVG, in its HTML and again in React's payload. Always decorative:
// the text beside them says it.
type IconProps = { className?: string };

const icon = (name: string, defaultSize: string) =>
  function Icon({ className = defaultSize }: IconProps) {
    return <span aria-hidden="true" className={cn("icon", `icon-${name}`, className)} />;
  };

export const CheckIcon = icon("check", "h-5 w-5");
export const CrossIcon = icon("cross", "h-5 w-5");
export const ShieldIcon = icon("shield", "h-7 w-7");
export const WarningIcon = icon("warning", "h-7 w-7");
export const DownloadIcon = icon("download", "h-4 w-4");
export const ArrowIcon = icon("arrow", "h-4 w-4");
export const ClockIcon = icon("clock", "h-6 w-6");
export const ChevronIcon = icon("chevron", "h-4 w-4");
