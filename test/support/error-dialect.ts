import { isSolarisPath } from '../../src/common/http/api-family.js';
import type { RawResponse } from './raw-http.js';

/** Checks one response against the house rules; the list of what is wrong with it. */
export function problemsOf(method: string, path: string, res: RawResponse): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`status ${res.status}`);
  const requestId = res.headers['x-request-id'];
  if (!requestId) problems.push('no X-Request-Id');
  if (res.status < 400 || method === 'head') return problems;
  let body: unknown;
  try {
    body = JSON.parse(res.body.toString('utf8'));
  } catch {
    return [...problems, 'error body is not JSON'];
  }
  if (!String(res.headers['content-type']).startsWith('application/json')) {
    problems.push(`content-type ${String(res.headers['content-type'])}`);
  }
  if (isSolarisPath(path)) {
    const errors = (body as { errors?: unknown }).errors;
    const ok =
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every(
        (error: Record<string, unknown>) =>
          error.status === res.status &&
          typeof error.code === 'string' &&
          typeof error.title === 'string' &&
          typeof error.detail === 'string' &&
          error.id === requestId,
      );
    if (!ok) problems.push('not a Solaris error body');
  } else {
    const ok =
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.keys(body).length > 0 &&
      !('errors' in body) &&
      Object.values(body).every(
        (value) =>
          typeof value === 'string' ||
          (Array.isArray(value) &&
            value.length > 0 &&
            value.every((message) => typeof message === 'string')),
      );
    if (!ok) problems.push('not a DRF error body');
  }
  return problems;
}
