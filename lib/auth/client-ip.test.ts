import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

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
});
