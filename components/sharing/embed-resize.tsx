"use client";

import { useEffect } from "react";

/** The fragment embed.js adds to its frames' addresses: "size this frame to the content". */
export const FIT_CONTENT_HASH = "#fit";

/**
 * Tells the page embedding this frame how tall the content is, so Laurel's embed.js can size
 * the iframe to fit. Heights are not secret. A frame from embed.js (`#fit`) lays its content out
 * at its natural height first; a plain iframe snippet has a fixed height, which the card fills.
 */
export function EmbedResize({ targetId }: { targetId: string }) {
  useEffect(() => {
    const target = document.getElementById(targetId);
    if (!target || window.parent === window) return;
    if (window.location.hash === FIT_CONTENT_HASH) target.dataset.fit = "content";
    const post = () => window.parent.postMessage({ type: "laurel:embed-height", height: Math.ceil(target.getBoundingClientRect().height) }, "*");
    const observer = new ResizeObserver(post);
    observer.observe(target);
    post();
    return () => observer.disconnect();
  }, [targetId]);
  return null;
}
