import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/**
 * An optional free-text field as DRF validates it: omitted is fine (and `null` where the field is
 * nullable), other non-strings are refused with one message each, and so is text over `maxLength`.
 */
export function OptionalText(maxLength: number, options: { nullable?: boolean } = {}) {
  return applyDecorators(
    ValidateIf(
      (_object: object, value: unknown) =>
        value !== undefined && !(options.nullable && value === null),
    ),
    ValidateBy({
      name: 'optionalText',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= maxLength,
        defaultMessage: ({ value }: ValidationArguments) =>
          value === null
            ? 'This field may not be null.'
            : typeof value !== 'string'
              ? 'Not a valid string.'
              : `Ensure this field has no more than ${maxLength} characters.`,
      },
    }),
  );
}
