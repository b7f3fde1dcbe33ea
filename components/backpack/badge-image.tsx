import { cn } from "@/components/ui/cn";

/** A credential's badge image, or a neutral placeholder when an import came without one. */
export function BadgeImage({ src, alt, size, className }: { src: string | null; alt: string; size: number; className?: string }) {
  if (!src) {
    return (
      <div role="img" aria-label={alt} style={{ width: size, height: size }} className={cn("flex shrink-0 items-center justify-center rounded-full bg-stone-100 text-stone-500", className)}>
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-1/2 w-1/2" fill="none" stroke="currentColor" strokeWidth="1.5">
          <circle cx="12" cy="9" r="6" />
          <path d="M8.5 14 7 22l5-3 5 3-1.5-8" />
        </svg>
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- versioned badge images and owner-only import images
  return <img src={src} alt={alt} width={size} height={size} style={{ width: size, height: size }} className={cn("shrink-0 object-contain", className)} />;
}
