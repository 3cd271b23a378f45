import { ValidateBy, type ValidationOptions } from 'class-validator';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE_ONLY.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * Solaris rejects any value that starts or ends with whitespace instead of trimming it. Non-strings
 * pass here and are left to the type validators, so this composes with @IsString() and friends.
 */
export function NoSurroundingWhitespace(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'noSurroundingWhitespace',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value === value.trim(),
        defaultMessage: () => 'must not start or end with whitespace',
      },
    },
    options,
  );
}

/** A calendar date as `YYYY-MM-DD` that exists. */
export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: isDateOnly,
        defaultMessage: () => 'must be a valid date in the format YYYY-MM-DD',
      },
    },
    options,
  );
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * The calendar date of a `YYYY-MM-DD` value, or of an ISO 8601 date-time (its UTC date), as Solaris
 * documents date fields with either; undefined when the value is neither.
 */
export function toDateOnly(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isDateOnly(value)) return value;
  if (!ISO_DATE_TIME.test(value)) return undefined;
  const [day] = ISO_DATE_TIME.exec(value)!.slice(1);
  if (!isDateOnly(day)) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD`, or an ISO 8601 date-time whose UTC date is meant. */
export function IsDateOrDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOrDateTime',
      validator: {
        validate: (value: unknown) => toDateOnly(value) !== undefined,
        defaultMessage: () => 'must be a valid date (YYYY-MM-DD) or ISO 8601 date-time',
      },
    },
    options,
  );
}

/** An instant as an ISO 8601 date-time with a time zone, or a `YYYY-MM-DD` date. */
export function parseTimestamp(value: string): { instant: Date; dateOnly: boolean } | undefined {
  if (isDateOnly(value)) return { instant: new Date(`${value}T00:00:00Z`), dateOnly: true };
  if (!ISO_DATE_TIME.test(value) || !isDateOnly(value.slice(0, 10))) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : { instant, dateOnly: false };
}

/** A validated ISO 8601 date-time string as a Date; null when absent. */
export function toInstant(value: string | null | undefined): Date | null {
  return value === undefined || value === null ? null : new Date(value);
}

/**
 * An instant that names its time zone: an ISO 8601 date-time with `Z` or an offset. A bare date
 * or a local time does not say when something happened or closes.
 */
export function IsZonedDateTime(message: string): PropertyDecorator {
  return ValidateBy({
    name: 'isZonedDateTime',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && parseTimestamp(value)?.dateOnly === false,
      defaultMessage: () => message,
    },
  });
}
