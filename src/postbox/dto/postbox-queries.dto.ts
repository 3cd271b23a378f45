import { ApiHideProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { SolarisPageQuery } from '../../common/pagination/page.dto.js';
import { NestedField } from '../../common/validation/fields.js';
import { TimeRange } from '../../common/validation/time-range.js';
import { POSTBOX_DOCUMENT_TYPES } from '../postbox-document-types.js';

const TYPES: ReadonlySet<string> = new Set(POSTBOX_DOCUMENT_TYPES);

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

export class PostboxItemFilter {
  @IsOptional()
  @IsString()
  @IsDocumentTypeList()
  document_type?: string;

  @NestedField(() => TimeRange, { optional: true })
  created_at?: TimeRange;
}

export class ConfirmationFilter {
  @NestedField(() => TimeRange, { optional: true })
  created_at?: TimeRange;
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
