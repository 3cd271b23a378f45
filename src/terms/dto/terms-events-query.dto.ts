import { ApiHideProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { SolarisPageQuery } from '../../common/pagination/page.dto.js';
import { EnumField, NestedField, PatternField } from '../../common/validation/fields.js';
import { TimeRange } from '../../common/validation/time-range.js';
import {
  TERMS_EVENT_TYPES,
  TERMS_PRODUCTS,
  type TermsEventType,
  type TermsProduct,
} from '../terms.constants.js';

/** A Solaris id of one type: the filter cannot match anything else, so anything else is a typo. */
const IdOf = (suffix: string, what: string, example: string) =>
  PatternField({
    pattern: new RegExp(`^[0-9a-f]{32}${suffix}$`),
    message: `must be ${what} (32 lowercase hex characters${suffix ? ` and "${suffix}"` : ''})`,
    example,
    optional: true,
  });

export class TermsEventFilter {
  @IdOf('', 'a Terms and Conditions event id', '2b5423a061514901a5a8791f2cb18266')
  id?: string;

  @IdOf('tcdc', 'a Terms and Conditions document id', '3f31dd950cb6e2b28ac4b31d1b4bb321tcdc')
  document_id?: string;

  @IdOf('cper', 'a person id', 'dc1a6812a14f6cc338cd084208535bcdcper')
  signed_by?: string;

  @IdOf('cbiz', 'a business id', 'ebf7d72aec7ab75006aa164b3e0af893cbiz')
  signed_on_behalf_of?: string;

  @EnumField(TERMS_PRODUCTS, { example: 'DIGITAL_BANKING', optional: true })
  product_name?: TermsProduct;

  @EnumField(TERMS_EVENT_TYPES, { example: 'APPROVED', optional: true })
  event_type?: TermsEventType;

  @NestedField(() => TimeRange, { optional: true })
  event_timestamp?: TimeRange;
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
