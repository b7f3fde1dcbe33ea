import http from "node:http";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";

const INSTALLED = Symbol.for("laurel.peerAddress");

/**
 * Writes the TCP peer's address into every incoming request under PEER_ADDRESS_HEADER,
 * replacing anything a client sent under that name. Route handlers only see headers (Next.js
 * does not hand them the socket), so this is how clientIp learns an address the client cannot
 * forge. Installed once per process, before the first request is served.
 */
export function installPeerAddress(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[PEER_ADDRESS_HEADER] = peerAddress(request.socket?.remoteAddress);
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}

/** The peer's address as people write it: an IPv4 client on a dual-stack socket without its `::ffff:` prefix. */
export function peerAddress(remoteAddress: string | undefined): string {
  if (!remoteAddress) return "unknown";
  return remoteAddress.replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i, "$1");
}
