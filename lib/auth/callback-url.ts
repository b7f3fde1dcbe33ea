/** Only same-site paths are followed after sign-in, never another origin (open redirects). */
export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return fallback;
  return url;
}
