import type { ValidationError } from 'class-validator';
import { RequestValidationError, type FieldError } from './api-error.js';

/** Flattens class-validator's tree into one error per field path (`recipient.recipient_type`). */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] =
      error.value === undefined && error.constraints
        ? [{ field, message: 'This field is required.' }]
        : Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** The global ValidationPipe's exceptionFactory. */
export function validationExceptionFactory(errors: ValidationError[]): RequestValidationError {
  const fieldErrors = toFieldErrors(errors);
  const first = fieldErrors[0];
  return new RequestValidationError(
    fieldErrors,
    first ? `${first.field}: ${first.message}` : 'Validation failed.',
  );
}
