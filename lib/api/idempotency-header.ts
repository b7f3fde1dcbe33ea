/** Header names of the idempotency contract, shared by the wrapper and the OpenAPI document. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
