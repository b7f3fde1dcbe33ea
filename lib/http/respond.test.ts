import { describe, expect, it } from "vitest";
import { RenderTimeoutError, RenderUnavailableError } from "@/lib/render/pool";
import { errorResponse } from "./respond";

describe("the error responder", () => {
  it("answers a render that ran out of time or room with 503 and Retry-After, not 500", async () => {
    for (const error of [new RenderTimeoutError(10_000), new RenderUnavailableError("The render queue is full")]) {
      const response = errorResponse(error);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ error: { code: "unavailable", message: error.message, details: {} } });
    }
  });

  it("still answers an unknown failure with 500 and no details", async () => {
    const response = errorResponse(new Error("a bug with a secret in it"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("secret");
  });
});
