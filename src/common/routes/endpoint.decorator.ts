import { applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
  );
}
