import type { Request } from 'express';
import { IdempotencyKeyInvalidError } from './idempotency.errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const MAX_KEY_LENGTH = 255;

/** Printable ASCII: a fixed, documented key format (Stripe caps keys at 255 characters too). */
const KEY_FORMAT = /^[\x20-\x7e]{1,255}$/;

function checked(key: string, source: string): string {
  if (!KEY_FORMAT.test(key)) {
    throw new IdempotencyKeyInvalidError(
      `${source} must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters.`,
    );
  }
  return key;
}

/**
 * The request's idempotency key: the `Idempotency-Key` header and, on routes that name one, the
 * body field (Solaris' `idempotency_key`). Both given means the same key; otherwise 400.
 * Undefined when the request carries none.
 */
export function idempotencyKeyOf(request: Request, bodyKey?: string): string | undefined {
  const headers: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i].toLowerCase() === 'idempotency-key') {
      headers.push(request.rawHeaders[i + 1]);
    }
  }
  if (headers.length > 1) {
    throw new IdempotencyKeyInvalidError(`${IDEMPOTENCY_HEADER} must be sent only once.`);
  }
  const header = headers.length ? checked(headers[0], IDEMPOTENCY_HEADER) : undefined;

  const body: unknown = request.body;
  const field =
    bodyKey && body !== null && typeof body === 'object'
      ? (body as Record<string, unknown>)[bodyKey]
      : undefined;
  if (field === undefined || field === null) return header;
  if (typeof field !== 'string') {
    throw new IdempotencyKeyInvalidError(`${bodyKey} must be a string.`);
  }
  const fromBody = checked(field, bodyKey!);
  if (header !== undefined && header !== fromBody) {
    throw new IdempotencyKeyInvalidError(
      `The ${IDEMPOTENCY_HEADER} header and ${bodyKey} must be the same key.`,
    );
  }
  return fromBody;
}
