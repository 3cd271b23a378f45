import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { RequestValidationError, type FieldError } from '../errors/api-error.js';
import { unstorableText } from './request-text.js';

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

/**
 * The global pipe: class-validator DTO validation, preceded for bodies and queries by a check of
 * every string for text that cannot be stored (NUL, unpaired surrogates), which some validators
 * would otherwise throw on.
 */
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationExceptionFactory,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const fieldErrors = unstorableText(value);
      if (fieldErrors.length > 0) {
        throw new RequestValidationError(
          fieldErrors,
          `${fieldErrors[0].field}: ${fieldErrors[0].message}`,
        );
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}
