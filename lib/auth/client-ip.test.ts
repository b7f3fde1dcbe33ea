import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { installPeerAddress } from "@/lib/server/peer-address";
import { clientIp, PEER_ADDRESS_HEADER } from "./client-ip";

describe("clientIp", () => {
  it("takes the address the trusted proxy appended, not what the client wrote before it", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientIp(headers, 1)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
  });

  it("reads Node-style header records and says unknown when there is nothing", () => {
    expect(clientIp({ "x-forwarded-for": "192.0.2.5" }, 1)).toBe("192.0.2.5");
    expect(clientIp({}, 1)).toBe("unknown");
    expect(clientIp(undefined, 1)).toBe("unknown");
  });

  it("with no proxy (0 hops) never reads X-Forwarded-For: the connection's address counts", () => {
    const forged = { "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "198.51.100.23" };
    expect(clientIp(new Headers(forged), 0)).toBe("198.51.100.23");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }), 0)).toBe("unknown");
    // Rotating the header does not make a client someone else.
    const ips = new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((fake) => clientIp({ ...forged, "x-forwarded-for": fake }, 0)));
    expect([...ips]).toEqual(["198.51.100.23"]);
  });

  it("takes the peer when a request skipped the proxies (a chain shorter than the hops)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "10.1.2.3" }), 2)).toBe("10.1.2.3");
  });

  it("trusts no proxy unless TRUSTED_PROXY_HOPS says so", () => {
    expect(process.env.TRUSTED_PROXY_HOPS).toBeUndefined();
    expect(env().TRUSTED_PROXY_HOPS).toBe(0);
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "192.0.2.44" }))).toBe("192.0.2.44");
  });
});

describe("the peer address the server writes", () => {
  it("is the socket's address, whatever the client sent in its place", async () => {
    installPeerAddress();
    installPeerAddress(); // once per process, however often it is called
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(clientIp(request.headers, 0));
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [PEER_ADDRESS_HEADER]: "6.6.6.6" } });
      expect(await response.text()).toBe("ok");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
