import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsDateOnly,
  IsDateOrDateTime,
  IsZonedDateTime,
  NoSurroundingWhitespace,
} from './solaris-validators.js';

/**
 * Composite field decorators: one decorator per field gives its validation rules, its OpenAPI
 * schema (with an example) and whether it may be omitted, so a field is declared in one place.
 * Rules are listed in the order one would stack them by hand; they are applied bottom-up as
 * stacked decorators are, so error messages come in the same order.
 */
export interface FieldOptions<T = unknown> {
  example: T;
  description?: string;
  /** May be omitted (and then also sent as null). */
  optional?: boolean;
  /** Documented as nullable: `null` is accepted and stored as "no value". */
  nullable?: boolean;
}

function field(
  options: FieldOptions,
  schema: ApiPropertyOptions,
  ...rules: PropertyDecorator[]
): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example: options.example,
      description: options.description,
      required: !options.optional,
      ...(options.nullable ? { nullable: true } : {}),
      ...schema,
    } as ApiPropertyOptions),
    ...rules.reverse(),
    ...(options.optional ? [IsOptional()] : []),
  );
}

export interface SolarisTextOptions extends FieldOptions<string> {
  maxLength: number;
  /** Refuse `""`; the default for required fields. */
  notEmpty?: boolean;
}

/**
 * Solaris free text: a string of at most `maxLength` characters that does not start or end with
 * whitespace (Solaris refuses rather than trims). NUL and unpaired surrogates are refused for
 * every field by the global pipe.
 */
export function SolarisText(options: SolarisTextOptions): PropertyDecorator {
  const notEmpty = options.notEmpty ?? !options.optional;
  return field(
    options,
    { type: String, maxLength: options.maxLength, ...(notEmpty ? { minLength: 1 } : {}) },
    IsString(),
    MaxLength(options.maxLength),
    NoSurroundingWhitespace(),
    ...(notEmpty ? [IsNotEmpty()] : []),
  );
}

export interface PatternOptions extends FieldOptions<string | string[]> {
  pattern: RegExp;
  message: string;
  /** A list of such values, of at most this many items. */
  maxItems?: number;
  /** A list whose items are distinct. */
  unique?: boolean;
}

/** A string (or a list of strings) matching `pattern`: codes, country codes, phone numbers. */
export function PatternField(options: PatternOptions): PropertyDecorator {
  const { pattern, message, maxItems, unique } = options;
  if (maxItems !== undefined) {
    return field(
      options,
      {
        type: [String],
        maxItems,
        items: { type: 'string', pattern: pattern.source },
        ...(unique ? { uniqueItems: true } : {}),
      },
      IsArray(),
      ArrayMaxSize(maxItems),
      ...(unique ? [ArrayUnique()] : []),
      IsString({ each: true }),
      Matches(pattern, { each: true, message }),
    );
  }
  return field(
    options,
    { type: String, pattern: pattern.source },
    IsString(),
    Matches(pattern, { message }),
  );
}

/** An e-mail address of at most `maxLength` characters, without surrounding whitespace. */
export function EmailField(
  options: FieldOptions<string> & { maxLength: number },
): PropertyDecorator {
  return field(
    options,
    { type: String, format: 'email', maxLength: options.maxLength },
    IsEmail(),
    MaxLength(options.maxLength),
    NoSurroundingWhitespace(),
  );
}

/** One of `values`. */
export function EnumField<T extends string>(
  values: readonly T[],
  options: FieldOptions<T>,
): PropertyDecorator {
  return field(options, { enum: [...values] }, IsIn([...values]));
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function DateField(options: FieldOptions<string>): PropertyDecorator {
  return field(options, { type: String, format: 'date' }, IsDateOnly());
}

/** A calendar date as `YYYY-MM-DD`, or an ISO 8601 date-time whose UTC date is meant. */
export function DateOrDateTimeField(options: FieldOptions<string>): PropertyDecorator {
  return field(options, { type: String }, IsDateOrDateTime());
}

/** An instant: a strict ISO 8601 date-time. */
export function DateTimeField(options: FieldOptions<string>): PropertyDecorator {
  return field(
    options,
    { type: String, format: 'date-time' },
    IsISO8601({ strict: true, strictSeparator: true }),
    NoSurroundingWhitespace(),
  );
}

/**
 * An instant with its time zone (`Z` or an offset); `message` may word the error with an example
 * of the route's own.
 */
export function ZonedDateTimeField(
  options: FieldOptions<string> & { message?: string },
): PropertyDecorator {
  return field(
    options,
    { type: String, format: 'date-time' },
    IsZonedDateTime(options.message ?? 'must be an ISO 8601 date-time with a time zone'),
  );
}

/**
 * An integer within `min`…`max`. `numeric: true` also takes it as a string ("300"), converted
 * with `Number` first (so "soon" still fails as not an integer).
 */
export function IntegerField(
  options: FieldOptions<number> & { min: number; max: number; numeric?: boolean },
): PropertyDecorator {
  return field(
    options,
    { type: 'integer', minimum: options.min, maximum: options.max },
    ...(options.numeric ? [Type(() => Number)] : []),
    IsInt(),
    Min(options.min),
    Max(options.max),
  );
}

/**
 * Multipart fields arrive as strings: "true"/"false" (also what a part sent as
 * `Content-Type: application/json` holds) become booleans, booleans stay, anything else fails.
 */
const formBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A boolean; `form: true` also accepts the strings "true"/"false" of a multipart form. */
export function BooleanField(
  options: FieldOptions<boolean> & { form?: boolean },
): PropertyDecorator {
  return field(
    options,
    { type: Boolean },
    ...(options.form ? [Transform(formBoolean)] : []),
    IsBoolean(),
  );
}

/** A nested object validated by its own DTO class. */
export function NestedField(
  type: () => new () => object,
  options: Omit<FieldOptions, 'example'> = {},
): PropertyDecorator {
  // Swagger recognises a lazy type by its name, `type`, which an object literal key gives it.
  const lazy = { type: () => type() };
  return field(
    { ...options, example: undefined },
    { type: lazy.type },
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}
