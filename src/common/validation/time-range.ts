import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateBy } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../errors/api-error.js';
import { parseTimestamp } from './solaris-validators.js';

const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !!parseTimestamp(value),
      defaultMessage: () => 'must be an ISO 8601 date-time with a time zone, or a date YYYY-MM-DD',
    },
  });

/**
 * A Solaris time-range filter, `filter[<column>][min|max]`: both bounds inclusive, each an
 * ISO 8601 date-time or a date; a date as `max` covers that whole UTC day. Declare it with
 * `@NestedField(() => TimeRange, { optional: true })`.
 */
export class TimeRange {
  @IsOptional()
  @IsString()
  @IsTimestamp()
  min?: string;

  @IsOptional()
  @IsString()
  @IsTimestamp()
  max?: string;
}

/** A validated range as SQL bounds: `from` and `through` inclusive, `before` exclusive. */
export interface TimeBounds {
  from?: Date;
  through?: Date;
  before?: Date;
}

const DAY_MS = 24 * 3600_000;

/** The bounds of a range; 400 on `field` (e.g. `filter.created_at`) when min lies after max. */
export function timeBoundsOf(range: TimeRange | undefined, field: string): TimeBounds {
  const min = range?.min === undefined ? undefined : parseTimestamp(range.min)!;
  const max = range?.max === undefined ? undefined : parseTimestamp(range.max)!;
  const end = max && (max.dateOnly ? max.instant.getTime() + DAY_MS - 1 : max.instant.getTime());
  if (min && end !== undefined && min.instant.getTime() > end) {
    throw ValidationFailedError.field(field, 'min must not be after max');
  }
  return {
    from: min?.instant,
    through: max && !max.dateOnly ? max.instant : undefined,
    before: max?.dateOnly ? new Date(max.instant.getTime() + DAY_MS) : undefined,
  };
}

/** Restricts `column` (e.g. `item.created_at`) of a query to the bounds. */
export function withinBounds<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  bounds: TimeBounds,
): SelectQueryBuilder<T> {
  if (bounds.from) qb.andWhere(`${column} >= :from`, { from: bounds.from });
  if (bounds.through) qb.andWhere(`${column} <= :through`, { through: bounds.through });
  if (bounds.before) qb.andWhere(`${column} < :before`, { before: bounds.before });
  return qb;
}

/**
 * Documents the query parameters `filter[<name>][min]` and `filter[<name>][max]` of a route
 * whose query DTO declares the range (query DTOs hide `filter`, so its members are listed here).
 */
export function ApiTimeRangeQuery(
  name: string,
  examples: { min: string; max: string },
): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: `filter[${name}][min]`,
      required: false,
      description: `${name} at or after this time (inclusive): an ISO 8601 date-time, or a date (its start).`,
      example: examples.min,
    }),
    ApiQuery({
      name: `filter[${name}][max]`,
      required: false,
      description: `${name} at or before this time (inclusive); a date covers that whole UTC day.`,
      example: examples.max,
    }),
  );
}
