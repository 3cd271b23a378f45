import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import { AddressDto, CODE, CODE_MESSAGE, COUNTRY, COUNTRY_MESSAGE } from './customer-fields.dto.js';

/** `POST /v1/businesses`: `name` is required; compliance-owned fields are not accepted. */
export class CreateBusinessDto {
  /** @example "Mustermann Consulting GmbH" */
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  @IsNotEmpty()
  name: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  /** @example "OTHER_COMPANIES" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  sector?: string;

  /** @example "OTHER_SERVICES" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  industry?: string;

  /** @example "EDUCATION" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  industry_key?: string;

  /** @example "GMBH" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  legal_form?: string;

  /** @example "HRB" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  registration_type?: string;

  /** @example "HRB 12345" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  registration_number?: string;

  /** @example "Amtsgericht Berlin-Charlottenburg" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  registration_issuer?: string;

  /** @example "2015-03-01" */
  @IsOptional()
  @IsDateOnly()
  registration_date?: string;

  /** @example "2015-01-15" */
  @IsOptional()
  @IsDateOnly()
  foundation_date?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  tax_country?: string;

  /** @example "DE123456789" */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @NoSurroundingWhitespace()
  vat_number?: string;

  /** @example "https://example.com" */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoSurroundingWhitespace()
  website_social_media?: string;

  /** @example "IT consulting" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  business_purpose?: string;

  /** @example ["DE","AT"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsString({ each: true })
  @Matches(COUNTRY, { each: true, message: COUNTRY_MESSAGE })
  international_operativity_expectation?: string[];
}
