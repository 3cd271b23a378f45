import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { familyOf } from '../http/api-family.js';
import { requestIdOf } from '../http/request-id.middleware.js';
import { ApiError } from './api-error.js';
import { type ErrorSpec, type FieldError, renderEnvelope } from './error-envelope.js';

const CODES: Record<number, string> = {
  400: 'validation_error',
  401: 'invalid_token',
  403: 'unauthorized_action',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
};

/** Errors raised by the JSON body parser before any route runs. */
const BODY_PARSER_ERRORS: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'invalid_json', 'Malformed JSON in the request body.'],
  'entity.too.deep': [400, 'validation_error', 'The JSON body is nested too deeply.'],
  'entity.too.large': [413, 'payload_too_large', 'The request body is too large.'],
  'encoding.unsupported': [415, 'unsupported_media_type', 'Unsupported content encoding.'],
  'charset.unsupported': [415, 'unsupported_media_type', 'Unsupported charset.'],
  'request.aborted': [400, 'validation_error', 'The request was aborted.'],
};

/** PostgreSQL errors that mean bad input, never a server fault. */
const PG_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'conflict', 'A record with these values already exists.'],
  '23503': [400, 'validation_error', 'A referenced record does not exist.'],
  '23514': [400, 'validation_error', 'A value violates a constraint.'],
  '23502': [400, 'validation_error', 'A required value is missing.'],
  '22001': [400, 'validation_error', 'A value is too long.'],
  '22P02': [400, 'validation_error', 'A value has an invalid format.'],
  '22003': [400, 'validation_error', 'A number is out of range.'],
  '22007': [400, 'validation_error', 'A date or time has an invalid format.'],
  '22008': [400, 'validation_error', 'A date or time is out of range.'],
  // A NUL character in text (22021) or in a JSON value (22P05) cannot be stored.
  '22021': [400, 'validation_error', 'A value contains a character that cannot be stored.'],
  '22P05': [400, 'validation_error', 'A value contains a character that cannot be stored.'],
};

/**
 * The database is unreachable or going away (stopped, restarting, network): the request may be
 * retried shortly, so 503 with Retry-After rather than a fault of ours. Socket errors of the
 * driver, PostgreSQL's connection-exception class (08) and its shutdown codes (57P01–57P03), and
 * the pg driver's own errors that carry no code.
 */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect)/;
// TypeORM releases a transaction's connection when the server drops it; the unit's next
// statement then fails with one of these instead of the socket error.

function databaseUnavailable(exception: unknown): boolean {
  const error =
    exception instanceof QueryFailedError ? (exception.driverError as unknown) : exception;
  if (!(error instanceof Error)) return false;
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    return true;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return UNAVAILABLE_SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code);
  }
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/**
 * The one exception filter: every error leaves in the dialect of its route family, `/v1/` as
 * Solaris `{"errors": […]}`, everything else as DRF `{"detail": …}` / `{"field": […]}`.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<Request>();
    const response = ctx.getResponse<Response>();
    const rendered = this.render(exception, request);

    if (rendered.status >= 500) {
      this.logger.error(
        { err: exception, requestId: requestIdOf(request), path: request.originalUrl },
        'Unhandled error while serving the request',
      );
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    for (const [name, value] of Object.entries(rendered.headers)) response.setHeader(name, value);
    response.status(rendered.status).json(rendered.body);
  }

  /** The response for an error: status, extra headers and the body in the request's dialect. */
  render(exception: unknown, request: Request): RenderedError {
    const requestId = requestIdOf(request);
    const error = this.normalize(exception, requestId);
    const headers: Record<string, string> = {};
    if (error.status === 401) headers['WWW-Authenticate'] = 'Token';
    if (error.status === 503) headers['Retry-After'] = '1';
    return {
      status: error.status,
      headers,
      body: renderEnvelope(familyOf(request.originalUrl), error, requestId),
    };
  }

  private normalize(exception: unknown, requestId: string): ErrorSpec {
    const make = (
      status: number,
      code: string,
      message: string,
      fieldErrors: FieldError[] = [],
    ): ErrorSpec => ({ status, code, message, fieldErrors });
    if (exception instanceof ApiError) {
      return {
        ...make(exception.status, exception.code, exception.message, exception.fieldErrors),
        drfKey: exception.drfKey,
        title: exception.title,
      };
    }
    // The platform wraps body-parser errors in an HttpException whose cause keeps their type.
    const cause: unknown = exception instanceof HttpException ? exception.cause : exception;
    const bodyParser = BODY_PARSER_ERRORS[(cause as { type?: string } | null)?.type ?? ''];
    if (bodyParser) {
      return make(...bodyParser);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = Array.isArray(raw)
        ? raw.join('; ')
        : typeof raw === 'string'
          ? raw
          : exception.message;
      return make(
        status,
        CODES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'),
        message,
      );
    }
    if (exception instanceof QueryFailedError) {
      const pg = PG_ERRORS[(exception.driverError as { code?: string }).code ?? ''];
      if (pg) return make(...pg);
    }
    if (databaseUnavailable(exception)) {
      return make(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service_unavailable',
        'The database is unavailable; retry shortly.',
      );
    }
    return make(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal_error',
      `An internal error occurred. Quote request id ${requestId} when reporting it.`,
    );
  }
}

/** An error response as the filter sends it. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: object;
}

const renderer = new HttpExceptionFilter();

/**
 * Renders an error exactly as the filter would send it. The idempotency interceptor stores this,
 * so that a replayed error repeats the very same body.
 */
export function renderError(exception: unknown, request: Request): RenderedError {
  return renderer.render(exception, request);
}
