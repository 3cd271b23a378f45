import { ApiHideProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '../../common/errors/api-error.js';
import { SolarisPageQuery } from '../../common/pagination/page.dto.js';
import { parseTimestamp } from '../../common/validation/solaris-validators.js';
import { POSTBOX_DOCUMENT_TYPES } from '../postbox-document-types.js';

const TYPES: ReadonlySet<string> = new Set(POSTBOX_DOCUMENT_TYPES);

const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !!parseTimestamp(value),
      defaultMessage: () => 'must be an ISO 8601 date-time with a time zone, or a date YYYY-MM-DD',
    },
  });

const IsDocumentTypeList = () =>
  ValidateBy({
    name: 'isDocumentTypeList',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.split(',').every((type) => TYPES.has(type)),
      defaultMessage: () =>
        `must be a comma-separated list of: ${POSTBOX_DOCUMENT_TYPES.join(', ')}`,
    },
  });

/** `filter[created_at][min|max]`: both bounds inclusive. */
export class CreatedAtRange {
  @IsOptional()
  @IsString()
  @IsTimestamp()
  min?: string;

  @IsOptional()
  @IsString()
  @IsTimestamp()
  max?: string;
}

export class PostboxItemFilter {
  @IsOptional()
  @IsString()
  @IsDocumentTypeList()
  document_type?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatedAtRange)
  created_at?: CreatedAtRange;
}

export class ConfirmationFilter {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatedAtRange)
  created_at?: CreatedAtRange;
}

/** Paging plus `filter[document_type]` and `filter[created_at][min|max]`. */
export class PostboxItemsQuery extends SolarisPageQuery {
  @ApiHideProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostboxItemFilter)
  filter?: PostboxItemFilter;
}

/** Paging plus `filter[created_at][min|max]`. */
export class ConfirmationsQuery extends SolarisPageQuery {
  @ApiHideProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConfirmationFilter)
  filter?: ConfirmationFilter;
}

/** A validated created_at range as SQL bounds. */
export interface TimeBounds {
  /** created_at >= from */
  from?: Date;
  /** created_at <= through */
  through?: Date;
  /** created_at < before (a date-only max covers that whole UTC day) */
  before?: Date;
}

const DAY_MS = 24 * 3600_000;

export function timeBoundsOf(range: CreatedAtRange | undefined): TimeBounds {
  const min = range?.min === undefined ? undefined : parseTimestamp(range.min)!;
  const max = range?.max === undefined ? undefined : parseTimestamp(range.max)!;
  const maxEnd = max && (max.dateOnly ? max.instant.getTime() + DAY_MS - 1 : max.instant.getTime());
  if (min && maxEnd !== undefined && min.instant.getTime() > maxEnd) {
    throw ValidationFailedError.field('filter.created_at', 'min must not be after max');
  }
  return {
    from: min?.instant,
    through: max && !max.dateOnly ? max.instant : undefined,
    before: max?.dateOnly ? new Date(max.instant.getTime() + DAY_MS) : undefined,
  };
}
