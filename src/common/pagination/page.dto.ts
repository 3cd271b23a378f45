import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Allow, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';

export const DRF_DEFAULT_PAGE_SIZE = 10;
export const DRF_MAX_PAGE_SIZE = 300;
export const SOLARIS_DEFAULT_PAGE_SIZE = 10;
export const SOLARIS_MAX_PAGE_SIZE = 100;

/** The last value of a repeated query parameter, as DRF's QueryDict.get reads it. */
const lastValue = (value: unknown): unknown => (Array.isArray(value) ? value.at(-1) : value);

/**
 * `/api` paging as DRF's PageNumberPagination reads it: `page` (1-based, or `last`; anything else
 * is a 404 "Invalid page." from drfWindow) and `page_size` (an invalid value means the default, a
 * larger one is capped at 300).
 */
export class DrfPageQuery {
  @ApiPropertyOptional({
    oneOf: [
      { type: 'integer', minimum: 1 },
      { type: 'string', enum: ['last'] },
    ],
    default: 1,
    example: 1,
    description: 'A page number within the paginated result set, or `last`.',
  })
  @IsOptional()
  @Transform(({ value }) => lastValue(value))
  @Allow()
  page?: unknown;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: DRF_MAX_PAGE_SIZE,
    default: DRF_DEFAULT_PAGE_SIZE,
    example: DRF_DEFAULT_PAGE_SIZE,
    description: 'Number of results to return per page (an invalid value means the default).',
  })
  @IsOptional()
  @Transform(({ value }) => drfPageSize(lastValue(value)))
  @IsInt()
  page_size?: number;
}

function drfPageSize(value: unknown): number {
  const size = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(size >= 1)) return DRF_DEFAULT_PAGE_SIZE;
  return Math.min(size, DRF_MAX_PAGE_SIZE);
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
