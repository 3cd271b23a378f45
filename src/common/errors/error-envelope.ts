import type { ApiFamily } from '../http/api-family.js';

export interface FieldError {
  field: string;
  message: string;
}

/** An error as every renderer sees it: what domain code, the parsers and the docs describe. */
export interface ErrorSpec {
  status: number;
  /** Machine-readable code, e.g. `model_not_found`. */
  code: string;
  message: string;
  fieldErrors?: FieldError[];
  /** DRF key of a non-field error body; `detail` unless an upstream contract says otherwise. */
  drfKey?: string;
  /** The Solaris `title` where upstream's differs from the code's title case (see errorTitle). */
  title?: string;
}

/** The Solaris `title` of an error code: `model_not_found` → `Model Not Found`. */
export function errorTitle(code: string): string {
  return code
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The one rendering of an error body, in the dialect of the route family: Solaris
 * `{"errors": [{id, status, code, title, detail, source?}]}`, or DRF `{"detail": …}` /
 * `{"field": […]}`. Used by the exception filter, the HTTP parser's error answer and the OpenAPI
 * examples, so the three cannot drift apart.
 */
export function renderEnvelope(
  family: ApiFamily | undefined,
  error: ErrorSpec,
  requestId: string,
): object {
  return family === 'solaris' ? solarisEnvelope(error, requestId) : drfEnvelope(error, requestId);
}

function solarisEnvelope(error: ErrorSpec, requestId: string): { errors: object[] } {
  const base = {
    id: requestId,
    status: error.status,
    code: error.code,
    title: error.title ?? errorTitle(error.code),
  };
  const fieldErrors = error.fieldErrors ?? [];
  if (fieldErrors.length === 0) return { errors: [{ ...base, detail: error.message }] };
  return {
    errors: fieldErrors.map(({ field, message }) => ({
      ...base,
      detail: `${field} ${message}`,
      source: { field, message },
    })),
  };
}

function drfEnvelope(error: ErrorSpec, requestId: string): Record<string, unknown> {
  const fieldErrors = error.fieldErrors ?? [];
  if (error.status === 400 && error.code === 'validation_error') {
    if (fieldErrors.length === 0) return { non_field_errors: [error.message] };
    const body: Record<string, string[]> = {};
    for (const { field, message } of fieldErrors) (body[field] ??= []).push(message);
    return body;
  }
  if (error.code === 'model_not_found' || error.code === 'not_found') {
    return { detail: 'Not found.' };
  }
  if (error.status >= 500) return { detail: error.message, request_id: requestId };
  return { [error.drfKey ?? 'detail']: error.message };
}
