import { env } from "@/lib/env";

/** A host name an organization could publish records for: letters, digits and hyphens, a real TLD. */
export const DOMAIN_NAME = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The address in a From value: `Laurel <no-reply@laurel.example>` or a bare address. */
export function addressIn(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

/** The part after @, as DNS records name it. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf("@") + 1).toLowerCase();
}

/** Laurel's own domains (its site's and its sender's), their subdomains and parents: never an organization's. */
export function isLaurelDomain(domain: string): boolean {
  const config = env();
  const own = [new URL(config.BASE_URL).hostname, domainOf(addressIn(config.EMAIL_FROM))].map((host) => host.toLowerCase());
  return own.some((host) => domain === host || domain.endsWith(`.${host}`) || host.endsWith(`.${domain}`));
}
