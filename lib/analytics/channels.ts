/**
 * Where attention comes from, in the few buckets an issuer recognises at a glance. Share links
 * carry their channel; a page view gets one from the site that referred it.
 */
export const CHANNELS = ["linkedin", "x", "facebook", "email", "embed", "web", "laurel", "direct"] as const;
export type Channel = (typeof CHANNELS)[number];

const REFERRER_CHANNELS: [RegExp, Channel][] = [
  [/(^|\.)linkedin\.com$|^lnkd\.in$/, "linkedin"],
  [/(^|\.)(x|twitter)\.com$|^t\.co$/, "x"],
  [/(^|\.)(facebook|fb)\.com$|^fb\.me$/, "facebook"],
  // Webmail opens links from these hosts; desktop mail clients send no referrer ("direct").
  [/^(mail|outlook|webmail)\.|(^|\.)mail\.(yahoo|proton)\.|^app\.fastmail\.com$/, "email"],
];

/**
 * The channel of a page view from its referring host: a known network, Laurel's own pages (a
 * learner's profile, an issuer page), another website, or none at all ("direct").
 */
export function channelFromReferrer(host: string | null | undefined, ownHost?: string | null): Channel {
  if (!host) return "direct";
  const bare = host.toLowerCase().replace(/:\d+$/, "");
  if (ownHost && bare === ownHost.toLowerCase().replace(/:\d+$/, "")) return "laurel";
  for (const [pattern, channel] of REFERRER_CHANNELS) if (pattern.test(bare)) return channel;
  return "web";
}

/** A share link's or share event's channel, as the charts group it. */
export function shareChannel(channel: string | null | undefined): Channel {
  switch (channel) {
    case "linkedin":
    case "linkedin_profile":
      return "linkedin";
    case "x":
    case "facebook":
    case "email":
    case "embed":
      return channel;
    default:
      return "direct";
  }
}

/**
 * The channel an event is counted under: a view's was set from where its visitor came from when
 * it was recorded (anything else reads as "direct"); shares and share-link clicks carry their
 * link's channel.
 */
export function eventChannel(type: string, channel: string | null | undefined): Channel {
  if (type === "viewed") return (CHANNELS as readonly string[]).includes(channel ?? "") ? (channel as Channel) : "direct";
  return shareChannel(channel);
}
