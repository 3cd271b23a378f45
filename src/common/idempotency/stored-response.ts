import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isObservable } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import { ApiError, RequestValidationError } from '../errors/api-error.js';
import { renderError } from '../errors/http-exception.filter.js';

/** A response as stored with its key and replayed: status, allowlisted headers, exact body. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The bytes sent; null for an empty body. */
  body: string | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Response headers a handler may set that belong to the result (never request-specific ones). */
const REPLAYED_HEADERS = ['location', 'content-location'];

/**
 * The handler's success as Nest will send it (`res.json` for objects, `res.send(String(v))` for
 * other values, an empty body for nil). Streams and binary bodies cannot be replayed, so an
 * idempotent route returning one is a programming error.
 */
export function storedSuccess(value: unknown, status: number, response: Response): StoredResponse {
  if (response.headersSent) {
    throw new Error('@Idempotent() routes must return their result, not write the response');
  }
  if (
    value instanceof StreamableFile ||
    value instanceof Readable ||
    value instanceof Uint8Array ||
    isObservable(value)
  ) {
    throw new Error('@Idempotent() routes must return a JSON-serializable value, not a stream');
  }
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const header = response.getHeader(name);
    if (header !== undefined) headers[name] = String(header);
  }
  if (value === undefined || value === null) return { status, headers, body: null };
  if (typeof value === 'object') {
    return {
      status,
      headers: { ...headers, 'content-type': JSON_TYPE },
      body: JSON.stringify(value),
    };
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Error(`@Idempotent() routes cannot return a ${typeof value}`);
  }
  const type = response.getHeader('content-type');
  headers['content-type'] = type === undefined ? 'text/html; charset=utf-8' : String(type);
  return { status, headers, body: String(value) };
}

/**
 * Whether a failure of the handler is a deterministic outcome to store and replay: a domain 4xx
 * (ApiError, or a PostgreSQL constraint the exception filter maps to a 4xx). Not stored: the
 * ValidationPipe's RequestValidationError (nothing ran), 429, 5xx, and errors of other types
 * (Nest's own pipes and guards throw HttpExceptions before the handler runs).
 */
export function isStorableFailure(error: unknown, request: Request): boolean {
  if (error instanceof RequestValidationError) return false;
  if (!(error instanceof ApiError) && !(error instanceof QueryFailedError)) return false;
  const { status } = renderError(error, request);
  return status >= 400 && status < 500 && status !== 429;
}

/** A failure exactly as the exception filter renders it, ready to store. */
export function storedFailure(error: unknown, request: Request): StoredResponse {
  const rendered = renderError(error, request);
  const headers: Record<string, string> = { 'content-type': JSON_TYPE };
  for (const [name, value] of Object.entries(rendered.headers)) headers[name.toLowerCase()] = value;
  return { status: rendered.status, headers, body: JSON.stringify(rendered.body) };
}

/**
 * Thrown by the interceptor to send a stored response (a replay, or a first 4xx that was just
 * stored) exactly as stored; sent by IdempotentResponseFilter, which @Idempotent() binds.
 */
export class IdempotentResponse extends Error {
  constructor(
    readonly response: StoredResponse,
    readonly replayed: boolean,
  ) {
    super(`Idempotent response ${response.status}`);
  }
}
