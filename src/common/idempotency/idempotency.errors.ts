import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';

/** The Idempotency-Key is empty, too long, not printable ASCII, sent twice or contradicted. */
export class IdempotencyKeyInvalidError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'idempotency_key_invalid', message);
  }
}

/** Another request with the same key is still running; the client retries after Retry-After. */
export class IdempotencyRequestInProgressError extends ApiError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'idempotency_request_in_progress',
      'A request with this Idempotency-Key is still being processed. Retry later.',
    );
  }
}

/** The key was used before for a different request (method, route, parameters, body or files). */
export class IdempotencyKeyReusedError extends ApiError {
  constructor() {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different request.',
    );
  }
}
