import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * HTTP-only failures of the REST API that have no place in the app-wide error codes (a body
 * that is not JSON, an idempotency key reused with another body). They still go through the
 * one responder, `errorResponse`, which reads `code` and `status` from the error.
 */
export class ApiError extends AppError {
  constructor(
    apiCode: "invalid_json" | "unsupported_media_type" | "payload_too_large" | "idempotency_key_reused",
    private readonly httpStatus: number,
    message: string,
    details?: Record<string, string | number>,
  ) {
    // The API's own codes extend the app's; only this class creates them.
    super(apiCode as unknown as ErrorCode, message, undefined, details);
  }
  override get status(): number {
    return this.httpStatus;
  }
}
