import type { FieldError } from '../errors/api-error.js';

/** DRF's own wording (ProhibitNullCharactersValidator). */
export const NULL_CHARACTER = 'Null characters are not allowed.';
export const UNPAIRED_SURROGATE = 'Unpaired surrogate characters are not allowed.';

/**
 * Text no route can accept: PostgreSQL cannot store NUL, and an unpaired UTF-16 surrogate has no
 * UTF-8 form (it would be silently replaced, and some validators throw on it). Walks every string
 * key and value of a parsed body or query, naming the field as the validation errors do.
 */
export function unstorableText(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? [{ field: path || 'non_field_errors', message }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    const keyProblem = problemOf(key);
    return keyProblem
      ? [{ field: path || 'non_field_errors', message: keyProblem }]
      : unstorableText(child, field);
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return NULL_CHARACTER;
  if (LONE_SURROGATE.test(text)) return UNPAIRED_SURROGATE;
  return undefined;
}
