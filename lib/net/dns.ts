import { promises as dns } from "node:dns";
import { env } from "@/lib/env";

/** The DNS lookups Laurel makes to check records people publish (email senders, verified domains). */
export type DnsResolver = {
  resolveTxt(name: string): Promise<string[][]>;
  resolveCname(name: string): Promise<string[]>;
};

/** The system's resolver, or the one DNS_RESOLVER names (host or host:port; several comma-separated). */
export function dnsResolver(): DnsResolver {
  const resolver = new dns.Resolver({ timeout: 3_000, tries: 2 });
  const servers = env().DNS_RESOLVER?.split(",").map((server) => server.trim()).filter(Boolean);
  if (servers?.length) resolver.setServers(servers);
  return resolver;
}

/** A name that has no record of that type (as opposed to a server that could not be asked). */
export function isMissingRecord(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ENOTFOUND" || code === "ENODATA" || code === "ENONAME" || code === "NXDOMAIN";
}
