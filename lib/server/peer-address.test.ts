import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { installPeerAddress, peerAddress } from "./peer-address";

describe("the peer address", () => {
  it("is written as people write it", () => {
    expect(peerAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(peerAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(peerAddress("::1")).toBe("::1");
    expect(peerAddress(undefined)).toBe("unknown");
  });

  const server = http.createServer((request, response) => response.end(String(request.headers[PEER_ADDRESS_HEADER])));
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("replaces whatever a client sent under its header with the connection's address", async () => {
    installPeerAddress();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "9.9.9.9", "x-forwarded-for": "6.6.6.6" } });
    expect(await answer.text()).toBe("127.0.0.1");
  });
});
