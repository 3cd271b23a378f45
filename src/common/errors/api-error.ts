import { HttpStatus } from '@nestjs/common';

import type { FieldError } from './error-envelope.js';

export type { FieldError } from './error-envelope.js';

/**
 * What domain code throws. It names a status and a machine-readable code; the exception filter
 * renders it in the caller's dialect (`/api` DRF or `/v1` Solaris).
 */
export class ApiError extends Error {
  /** Upstream's Solaris `title`, set by a subclass only where it is not the code's title case. */
  readonly title?: string;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** DRF key of a non-field error body; `detail` unless an upstream contract says otherwise. */
    readonly drfKey = 'detail',
  ) {
    super(message);
  }
}

export class ValidationFailedError extends ApiError {
  constructor(fieldErrors: FieldError[], message = 'Validation failed.') {
    super(HttpStatus.BAD_REQUEST, 'validation_error', message, fieldErrors);
  }

  /** One field's error, as an instance of the class it is called on. */
  static field<T extends ValidationFailedError>(
    this: new (fieldErrors: FieldError[], message?: string) => T,
    field: string,
    message: string,
  ): T {
    return new this([{ field, message }], `${field} ${message}`);
  }
}

/**
 * A request rejected by the global ValidationPipe before its handler ran. Nest runs pipes after
 * interceptors, so this type is how the idempotency interceptor tells it from a handler's own
 * validation error: nothing was executed, so it is not stored and a corrected retry may reuse
 * the key.
 */
export class RequestValidationError extends ValidationFailedError {}

/** A 404 naming the model the Solaris way: `Couldn't find 'Solaris::Person' for id '…'.` */
export class ModelNotFoundError extends ApiError {
  constructor(model: string, id: string) {
    super(
      HttpStatus.NOT_FOUND,
      'model_not_found',
      `Couldn't find 'Solaris::${model}' for id '${id}'.`,
    );
  }
}

export class ForbiddenActionError extends ApiError {
  constructor(message = 'You do not have permission to perform this action.', drfKey = 'detail') {
    super(HttpStatus.FORBIDDEN, 'unauthorized_action', message, [], drfKey);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.CONFLICT, 'conflict', message);
  }
}
