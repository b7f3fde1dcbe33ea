import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObInputError } from "../errors";
import ipaddr from "ipaddr.js";
import { embeddedIPv4, HttpStatusError, isPublicAddress, safeFetch } from "./safe-fetch";

const embedded = (address: string) => embeddedIPv4(ipaddr.IPv6.parse(address)).map(String);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 that counts the connections it receives. */
async function startServer(handler: Handler): Promise<{ server: Server; origin: string; connections: () => number; port: number }> {
  let connections = 0;
  const server = createServer(handler);
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, connections: () => connections, port };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ObInputError);
    return (error as ObInputError).code;
  }
  throw new Error("expected a refusal");
}

const FIFTY_MB = 50 * 1024 * 1024;

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1", "127.255.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "ff02::1", "64:ff9b::7f00:1", "2002:7f00:1::1",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  // Each way an IPv6 address can carry an internal IPv4 one (loopback, private, metadata).
  it.each([
    ["IPv4-compatible, hex", "::7f00:1"],
    ["IPv4-compatible, dotted", "::127.0.0.1"],
    ["IPv4-compatible, private", "::a00:1"],
    ["IPv4-compatible, link-local", "::a9fe:a9fe"],
    ["IPv4-compatible, written out", "0:0:0:0:0:0:7f00:1"],
    ["IPv4-mapped, dotted", "::ffff:127.0.0.1"],
    ["IPv4-mapped, hex", "::ffff:7f00:1"],
    ["IPv4-mapped, metadata", "::ffff:a9fe:a9fe"],
    ["SIIT", "::ffff:0:7f00:1"],
    ["NAT64", "64:ff9b::7f00:1"],
    ["NAT64, private", "64:ff9b::c0a8:101"],
    ["NAT64, dotted", "64:ff9b::10.0.0.1"],
    ["6to4", "2002:7f00:0001::"],
    ["6to4, private", "2002:c0a8:0101::1"],
    ["Teredo, private server", "2001:0:a00:1::1"],
    ["Teredo, loopback client", "2001:0:808:808:0:0:80ff:fffe"],
  ])("refuses %s (%s)", (_form, address) => {
    expect(isPublicAddress(address)).toBe(false);
    expect(isPublicAddress(`[${address}]`)).toBe(false);
  });

  it("unwraps the IPv4 address each form carries", () => {
    expect(embedded("::7f00:1")).toEqual(["127.0.0.1"]);
    expect(embedded("::ffff:7f00:1")).toEqual(["127.0.0.1"]);
    expect(embedded("64:ff9b::7f00:1")).toEqual(["127.0.0.1"]);
    expect(embedded("2002:7f00:0001::")).toEqual(["127.0.0.1"]);
    expect(embedded("2001:0:808:808:0:0:80ff:fffe")).toEqual(["8.8.8.8", "127.0.0.1"]);
    expect(embedded("2606:4700:4700::1111")).toEqual([]);
  });

  it("accepts an IPv4-compatible or mapped form of a public address", () => {
    expect(isPublicAddress("::808:808")).toBe(true);
    expect(isPublicAddress("::ffff:808:808")).toBe(true);
  });

  it("refuses garbage", () => {
    expect(isPublicAddress("not an address")).toBe(false);
  });
});

describe("safeFetch against local servers", () => {
  let main: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  let bigBytesSent = 0;

  beforeAll(async () => {
    other = await startServer((_req, res) => res.end("other"));
    main = await startServer((req, res) => {
      const path = req.url ?? "/";
      const hop = /^\/hop\/(\d+)$/.exec(path);
      if (path === "/json") {
        res.setHeader("content-type", "application/ld+json");
        res.end(JSON.stringify({ hello: "world" }));
      } else if (hop) {
        const n = Number(hop[1]);
        if (n === 0) res.end("arrived");
        else res.writeHead(302, { location: `/hop/${n - 1}` }).end();
      } else if (path === "/to-metadata") {
        res.writeHead(301, { location: "https://169.254.169.254/latest/meta-data/" }).end();
      } else if (path === "/to-other-port") {
        res.writeHead(307, { location: `https://127.0.0.1:${other.port}/` }).end();
      } else if (path === "/to-http-elsewhere") {
        res.writeHead(302, { location: "http://example.com/" }).end();
      } else if (path === "/slow") {
        setTimeout(() => res.end("late"), 2000).unref();
      } else if (path === "/slow-body") {
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
        setTimeout(() => res.end("]"), 2000).unref();
      } else if (path === "/huge") {
        // 50 MB streamed in 64 KB chunks with no length announced.
        res.writeHead(200, { "content-type": "application/octet-stream" });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        const pump = () => {
          while (bigBytesSent < FIFTY_MB) {
            bigBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
      } else if (path === "/huge-declared") {
        res.writeHead(200, { "content-length": String(FIFTY_MB) });
        res.write(Buffer.alloc(1024));
      } else if (path === "/gone") {
        res.writeHead(410).end("revoked");
      } else {
        res.writeHead(404).end();
      }
    });
  });

  afterAll(async () => {
    main.server.closeAllConnections();
    other.server.closeAllConnections();
    await Promise.all([new Promise((r) => main.server.close(r)), new Promise((r) => other.server.close(r))]);
  });

  it("fetches an allowed origin over http and reports the content type", async () => {
    const result = await safeFetch(`${main.origin}/json`, { allowOrigins: [main.origin] });
    expect(result.status).toBe(200);
    expect(result.contentType).toBe("application/ld+json");
    expect(JSON.parse(Buffer.from(result.body).toString())).toEqual({ hello: "world" });
    expect(result.url).toBe(`${main.origin}/json`);
  });

  it("refuses the same loopback server without allowOrigins, before connecting", async () => {
    const before = main.connections();
    expect(await codeOf(safeFetch(`${main.origin}/json`))).toBe("url_scheme");
    expect(await codeOf(safeFetch(`https://127.0.0.1:${main.port}/json`))).toBe("url_forbidden_address");
    expect(main.connections()).toBe(before);
  });

  it("refuses a hostname that resolves to loopback (localhost) at lookup time, before connecting", async () => {
    const before = main.connections();
    expect(await codeOf(safeFetch(`https://localhost:${main.port}/json`))).toBe("url_forbidden_address");
    expect(main.connections()).toBe(before);
  });

  it("follows up to 3 redirects and reports the final URL", async () => {
    const result = await safeFetch(`${main.origin}/hop/3`, { allowOrigins: [main.origin] });
    expect(Buffer.from(result.body).toString()).toBe("arrived");
    expect(result.url).toBe(`${main.origin}/hop/0`);
  });

  it("stops a chain of 4 redirects", async () => {
    expect(await codeOf(safeFetch(`${main.origin}/hop/4`, { allowOrigins: [main.origin] }))).toBe("too_many_redirects");
  });

  it("re-checks every redirect hop: to the metadata address, another loopback port, plain http elsewhere", async () => {
    const otherBefore = other.connections();
    expect(await codeOf(safeFetch(`${main.origin}/to-metadata`, { allowOrigins: [main.origin] }))).toBe("url_forbidden_address");
    expect(await codeOf(safeFetch(`${main.origin}/to-other-port`, { allowOrigins: [main.origin] }))).toBe("url_forbidden_address");
    expect(await codeOf(safeFetch(`${main.origin}/to-http-elsewhere`, { allowOrigins: [main.origin] }))).toBe("url_scheme");
    expect(other.connections()).toBe(otherBefore);
  });

  it("gives up on a slow server after the timeout", async () => {
    const started = Date.now();
    expect(await codeOf(safeFetch(`${main.origin}/slow`, { allowOrigins: [main.origin], timeoutMs: 200 }))).toBe("fetch_timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("the timeout covers a body that stalls after the headers", async () => {
    expect(await codeOf(safeFetch(`${main.origin}/slow-body`, { allowOrigins: [main.origin], timeoutMs: 300 }))).toBe("fetch_timeout");
  });

  it("stops reading a 50 MB streamed body past maxBytes instead of buffering it", async () => {
    const memoryBefore = process.memoryUsage().rss;
    expect(await codeOf(safeFetch(`${main.origin}/huge`, { allowOrigins: [main.origin] }))).toBe("body_too_large");
    // Give the server a moment to notice the closed socket, then check it never got to the end.
    await new Promise((r) => setTimeout(r, 100));
    expect(bigBytesSent).toBeLessThan(FIFTY_MB);
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(40 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over maxBytes without reading the body", async () => {
    expect(await codeOf(safeFetch(`${main.origin}/huge-declared`, { allowOrigins: [main.origin] }))).toBe("body_too_large");
  });

  it("reports a non-2xx answer with its status", async () => {
    const error = await safeFetch(`${main.origin}/gone`, { allowOrigins: [main.origin] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).code).toBe("http_status");
    expect((error as HttpStatusError).status).toBe(410);
  });
});

describe("safeFetch refuses internal addresses without sending any traffic", () => {
  // IP literals are checked before a socket is opened, so these never touch the network.
  it.each([
    ["https://127.0.0.1/", "url_forbidden_address"],
    ["https://[::1]/", "url_forbidden_address"],
    ["https://169.254.169.254/latest/meta-data/", "url_forbidden_address"],
    ["https://10.0.0.1/", "url_forbidden_address"],
    ["https://192.168.0.1/", "url_forbidden_address"],
    ["https://100.64.0.1/", "url_forbidden_address"],
    ["https://[fd00::1]/", "url_forbidden_address"],
    ["https://[fe80::1]/", "url_forbidden_address"],
    ["https://[::ffff:127.0.0.1]/", "url_forbidden_address"],
    ["https://[::ffff:a9fe:a9fe]/", "url_forbidden_address"],
    ["https://[::7f00:1]/", "url_forbidden_address"],
    ["https://[64:ff9b::7f00:1]/", "url_forbidden_address"],
    ["https://[2002:7f00:1::]/", "url_forbidden_address"],
    ["https://0.0.0.0/", "url_forbidden_address"],
    ["https://2130706433/", "url_forbidden_address"],
    ["https://0x7f.1/", "url_forbidden_address"],
    ["http://169.254.169.254/", "url_scheme"],
    ["file:///etc/passwd", "url_scheme"],
    ["ftp://example.com/x", "url_scheme"],
    ["https://user:pass@example.com/", "url_invalid"],
    ["not a url", "url_invalid"],
  ])("%s → %s", async (url, code) => {
    expect(await codeOf(safeFetch(url))).toBe(code);
  });

  it("an allowOrigins entry exempts only its exact origin", async () => {
    expect(await codeOf(safeFetch("https://10.0.0.1:8443/", { allowOrigins: ["https://10.0.0.1:9443"] }))).toBe("url_forbidden_address");
    expect(await codeOf(safeFetch("http://10.0.0.1/", { allowOrigins: ["https://10.0.0.1"] }))).toBe("url_scheme");
  });
});
