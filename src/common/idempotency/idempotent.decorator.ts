import { applyDecorators, SetMetadata, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrorResponse } from '../openapi/error-response.decorator.js';
import {
  IDEMPOTENT_OPTIONS,
  IdempotencyInterceptor,
  type IdempotentOptions,
} from './idempotency.interceptor.js';
import {
  IdempotencyKeyReusedError,
  IdempotencyRequestInProgressError,
} from './idempotency.errors.js';
import { IdempotentResponseFilter } from './idempotent-response.filter.js';
import { IDEMPOTENCY_HEADER, MAX_KEY_LENGTH } from './request-key.js';

/**
 * Makes a POST/PATCH route honour `Idempotency-Key` (see IdempotencyInterceptor), and documents
 * the header. The route must return a JSON value (not a stream) and be authenticated.
 *
 * On an upload route the interceptor has to run after multer has parsed the multipart body, so
 * that the fingerprint covers the fields and the file's SHA-256. Nest applies a method's
 * decorators bottom-up and runs route interceptors in that order, so list `@Idempotent()` ABOVE
 * the FileInterceptor:
 *
 * ```ts
 * @Post(':id/documents')
 * @Idempotent()
 * @DocumentUpload()          // or @UseInterceptors(FileInterceptor('file', …))
 * upload(…) {}
 * ```
 *
 * IdempotencyModule checks at boot that the interceptor is the route's last one and refuses to
 * start otherwise.
 */
export function Idempotent(options: IdempotentOptions = {}): MethodDecorator {
  const body = options.bodyKey
    ? ` The body field \`${options.bodyKey}\` is the same key; when both are given they must be equal.`
    : '';
  return applyDecorators(
    SetMetadata(IDEMPOTENT_OPTIONS, options),
    UseFilters(IdempotentResponseFilter),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        `Makes the request safe to retry: the first request with a key runs, a repeat with the same ` +
        `request replays its status and body with \`Idempotent-Replayed: true\`. Keys are scoped ` +
        `to the caller and kept for at least 24 hours. 1–${MAX_KEY_LENGTH} printable ASCII ` +
        `characters; a UUID is recommended.${body}`,
      schema: { type: 'string', minLength: 1, maxLength: MAX_KEY_LENGTH },
      example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    }),
    ApiErrorResponse(
      new IdempotencyRequestInProgressError(),
      '`idempotency_request_in_progress`: a request with this key is still running; retry ' +
        'after `Retry-After` seconds.',
    ),
    ApiErrorResponse(
      new IdempotencyKeyReusedError(),
      '`idempotency_key_reused`: the key was used for a different request.',
    ),
  );
}
