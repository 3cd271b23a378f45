import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { UUID_INPUT } from '../onboarding.urls.js';

/*
 * Composite field decorators of the `/api` (DRF) requests: one decorator gives a field its rules,
 * with DRF's messages, and its OpenAPI schema. Stacked rules run bottom-up, so each list below is
 * written in the order they would be stacked by hand.
 */
const stacked = (...decorators: PropertyDecorator[]) => applyDecorators(...decorators.reverse());

/**
 * An optional free-text field as DRF validates it: omitted is fine (and `null` where the field is
 * nullable), other non-strings are refused with one message each, and so is text over `maxLength`.
 */
export function OptionalText(maxLength: number, options: { nullable?: boolean } = {}) {
  return stacked(
    ApiPropertyOptional({
      type: String,
      maxLength,
      ...(options.nullable ? { nullable: true } : {}),
    }),
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

/** An optional choice among `values`, refused as DRF does: `"x" is not a valid choice.`. */
export function Choice(values: readonly string[], options: { default?: string } = {}) {
  return stacked(
    ApiPropertyOptional({ enum: [...values], default: options.default }),
    IsOptional(),
    IsIn([...values], { message: ({ value }) => `"${String(value)}" is not a valid choice.` }),
  );
}

/** A uuid (hex or hyphenated); `message` is DRF's for where it appears. */
export function UuidField(message: 'Must be a valid UUID.' | 'Enter a valid UUID.') {
  return stacked(ApiProperty({ type: String }), IsString(), Matches(UUID_INPUT, { message }));
}

/** An optional uuid query filter. */
export function UuidFilter() {
  return stacked(
    ApiPropertyOptional({ type: String }),
    IsOptional(),
    Matches(UUID_INPUT, { message: 'Enter a valid UUID.' }),
  );
}

/** An optional text query filter of at most `maxLength` characters. */
export function TextFilter(maxLength: number) {
  return stacked(
    ApiPropertyOptional({ type: String, maxLength }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}
