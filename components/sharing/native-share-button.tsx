"use client";

import { useEffect, useState } from "react";
import { buttonClasses } from "@/components/ui/button";

/**
 * The phone's own share sheet (Web Share API), offered only where `navigator.share` exists;
 * elsewhere nothing renders and the copy-link field beside it is the way to share. Sharing posts
 * to Laurel's share route so it counts like the other channels.
 */
export function NativeShareButton({ url, title, text, label, recordPath }: { url: string; title: string; text: string; label: string; recordPath?: string }) {
  const [supported, setSupported] = useState(false);
  useEffect(() => {
    setSupported(typeof navigator !== "undefined" && typeof navigator.share === "function");
  }, []);
  if (!supported) return null;

  async function share() {
    try {
      await navigator.share({ title, text, url });
      if (recordPath) void fetch(recordPath, { method: "POST", keepalive: true }).catch(() => undefined);
    } catch {
      // Closing the share sheet rejects too: nothing was shared, nothing to say.
    }
  }

  return (
    <button type="button" className={buttonClasses("primary")} onClick={share} data-channel="native">
      {label}
    </button>
  );
}
