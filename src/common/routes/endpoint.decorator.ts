import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
} from '@nestjs/swagger';
import { type Access, StaffOnly, StaffOrSupport } from '../auth/auth.decorators.js';
import type { ErrorSpec } from '../errors/error-envelope.js';
import { ApiErrorResponse } from '../openapi/error-response.decorator.js';
import { SandboxOnly } from '../sandbox/sandbox.guard.js';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Who beyond any authenticated caller may call it; enforced by the StaffGuard, 403 documented. */
  access?: Access;
  /** Exists only while SANDBOX=true (else the 404 of an unknown route). */
  sandboxOnly?: boolean;
  /**
   * The errors the route itself raises, e.g. `[new ConflictError('…')]`. 400 (validation), 401,
   * the 404 of its path ids and the idempotency errors are documented without being listed.
   */
  errors?: ErrorSpec[];
  /** A JSON array body, which the handler checks itself (the global pipe validates objects). */
  arrayBody?: Type<unknown>;
  /**
   * The success answer, where the handler's declared return type (which the build documents)
   * cannot say it: a response DTO (a handler generic in its DTO), `'headers'` (a HEAD route:
   * headers, no body), `'nothing'` (204), or the media types of a file it sends.
   */
  answers?: Type<unknown> | 'headers' | 'nothing' | { files: string[] };
}

/**
 * The one way a route is documented: its summary, who may call it, and its own errors, each
 * with an example body in the route family's dialect (see completeDocument).
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const access = { staff: StaffOnly, 'staff-or-support': StaffOrSupport };
  return applyDecorators(
    ApiOperation({ summary: options.summary, description: options.description }),
    ...(options.access ? [access[options.access]()] : []),
    ...(options.sandboxOnly ? [SandboxOnly()] : []),
    ...(options.errors ?? []).map((error) => ApiErrorResponse(error)),
    ...(options.arrayBody ? [ApiBody({ type: options.arrayBody, isArray: true })] : []),
    ...answers(options.answers),
  );
}

function answers(kind: EndpointOptions['answers']): MethodDecorator[] {
  if (kind === undefined) return [];
  if (kind === 'headers') return [ApiOkResponse({ description: 'No body.' })];
  if (kind === 'nothing') return [ApiNoContentResponse()];
  if (typeof kind === 'function') return [ApiOkResponse({ type: kind })];
  return [
    ApiProduces(...kind.files),
    ApiOkResponse({ schema: { type: 'string', format: 'binary' } }),
  ];
}
