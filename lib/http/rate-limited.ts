/** The client's budget for a route is spent: the public door answers 429 with Retry-After. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("rate limited");
  }
}
