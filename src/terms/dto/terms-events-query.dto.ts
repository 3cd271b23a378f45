import { ApiHideProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { ValidationFailedError } from '../../common/errors/api-error.js';
import { SolarisPageQuery } from '../../common/pagination/page.dto.js';
import { parseTimestamp } from '../../common/validation/solaris-validators.js';
import {
  TERMS_EVENT_TYPES,
  TERMS_PRODUCTS,
  type TermsEventType,
  type TermsProduct,
} from '../terms.constants.js';

const IsTimestamp = () =>
  ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !!parseTimestamp(value),
      defaultMessage: () => 'must be an ISO 8601 date-time with a time zone, or a date YYYY-MM-DD',
    },
  });

/** A Solaris id of one type: the filter cannot match anything else, so anything else is a typo. */
const IsIdOf = (suffix: string, what: string) =>
  Matches(new RegExp(`^[0-9a-f]{32}${suffix}$`), {
    message: `must be ${what} (32 lowercase hex characters${suffix ? ` and "${suffix}"` : ''})`,
  });

/** `filter[event_timestamp][min|max]`: both bounds inclusive; a date as max covers that day. */
export class EventTimestampRange {
  @IsOptional()
  @IsString()
  @IsTimestamp()
  min?: string;

  @IsOptional()
  @IsString()
  @IsTimestamp()
  max?: string;
}

export class TermsEventFilter {
  @IsOptional()
  @IsString()
  @IsIdOf('', 'a Terms and Conditions event id')
  id?: string;

  @IsOptional()
  @IsString()
  @IsIdOf('tcdc', 'a Terms and Conditions document id')
  document_id?: string;

  @IsOptional()
  @IsString()
  @IsIdOf('cper', 'a person id')
  signed_by?: string;

  @IsOptional()
  @IsString()
  @IsIdOf('cbiz', 'a business id')
  signed_on_behalf_of?: string;

  @IsOptional()
  @IsIn(TERMS_PRODUCTS)
  product_name?: TermsProduct;

  @IsOptional()
  @IsIn(TERMS_EVENT_TYPES)
  event_type?: TermsEventType;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EventTimestampRange)
  event_timestamp?: EventTimestampRange;
}

/** Paging plus every filter of the Solaris index. */
export class TermsEventsQuery extends SolarisPageQuery {
  @ApiHideProperty()
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TermsEventFilter)
  filter?: TermsEventFilter;
}

/** A validated event_timestamp range as SQL bounds: `from` and `through` inclusive, `before` not. */
export interface TimestampBounds {
  from?: Date;
  through?: Date;
  before?: Date;
}

const DAY_MS = 24 * 3600_000;

export function timestampBoundsOf(range: EventTimestampRange | undefined): TimestampBounds {
  const min = range?.min === undefined ? undefined : parseTimestamp(range.min)!;
  const max = range?.max === undefined ? undefined : parseTimestamp(range.max)!;
  const end = max && (max.dateOnly ? max.instant.getTime() + DAY_MS - 1 : max.instant.getTime());
  if (min && end !== undefined && min.instant.getTime() > end) {
    throw ValidationFailedError.field('filter.event_timestamp', 'min must not be after max');
  }
  return {
    from: min?.instant,
    through: max && !max.dateOnly ? max.instant : undefined,
    before: max?.dateOnly ? new Date(max.instant.getTime() + DAY_MS) : undefined,
  };
}
