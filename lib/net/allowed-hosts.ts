/**
 * The origins an operator lets Laurel reach although they are not https on a public address
 * (a service on the install's own network; a test server on loopback), from a setting such as
 * SSO_ALLOWED_HOSTS: comma-separated `host:port`, each allowed over http and https.
 */
export function originsOfHosts(hosts: string | undefined): string[] {
  if (!hosts) return [];
  return hosts
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean)
    .flatMap((host) => [`http://${host}`, `https://${host}`]);
}
