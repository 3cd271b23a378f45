import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export const DRF_DEFAULT_PAGE_SIZE = 10;
export const DRF_MAX_PAGE_SIZE = 300;
export const SOLARIS_DEFAULT_PAGE_SIZE = 10;
export const SOLARIS_MAX_PAGE_SIZE = 100;

/** `/api` paging: `page` (1-based) and `page_size` (at most 300). */
export class DrfPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: DRF_MAX_PAGE_SIZE,
    default: DRF_DEFAULT_PAGE_SIZE,
    example: DRF_DEFAULT_PAGE_SIZE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DRF_MAX_PAGE_SIZE)
  page_size?: number;
}

export class SolarisPageParams {
  /** 0 and 1 both mean the first page. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  number?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SOLARIS_MAX_PAGE_SIZE)
  size?: number;
}

/** `/v1` paging: `page[number]` and `page[size]` (at most 100). */
export class SolarisPageQuery {
  @ApiPropertyOptional({
    type: 'object',
    name: 'page',
    description: '`page[number]` (0 and 1 both mean the first page) and `page[size]`.',
    properties: {
      number: { type: 'integer', minimum: 0, example: 1 },
      size: {
        type: 'integer',
        minimum: 1,
        maximum: SOLARIS_MAX_PAGE_SIZE,
        default: SOLARIS_DEFAULT_PAGE_SIZE,
        example: SOLARIS_DEFAULT_PAGE_SIZE,
      },
    },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SolarisPageParams)
  page?: SolarisPageParams;
}
