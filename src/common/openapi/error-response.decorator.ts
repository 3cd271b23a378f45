import { ApiResponse } from '@nestjs/swagger';
import type { ErrorSpec } from '../errors/error-envelope.js';

/**
 * Documents that a route can answer `error`. The example body is rendered by completeDocument in
 * the dialect of the route's family (a decorator does not know its controller's path yet), so
 * this works on either family. Several errors of one status merge: each adds its description,
 * the first one declared gives the example.
 */
export function ApiErrorResponse(error: ErrorSpec, description?: string): MethodDecorator {
  return ApiResponse({
    status: error.status,
    description: description ?? `\`${error.code}\`: ${error.message}`,
    // Picked up and replaced by completeDocument; `examples` is the key Swagger merges per status.
    examples: { [error.code]: { summary: error.message, value: specOf(error) } },
  });
}

/** A plain copy: an Error's `message` is not enumerable, so spreading one would lose it. */
function specOf({ status, code, message, fieldErrors, drfKey, title }: ErrorSpec): ErrorSpec {
  return { status, code, message, fieldErrors, drfKey, title };
}
