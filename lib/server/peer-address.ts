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
      request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "unknown";
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
