import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
import { IsDateOnly, NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import {
  AddressDto,
  CODE,
  CODE_MESSAGE,
  COUNTRY,
  COUNTRY_MESSAGE,
  PHONE,
  PHONE_MESSAGE,
  TaxInformationDto,
} from './customer-fields.dto.js';

/**
 * `POST /v1/persons`: the person fields of the Solaris person resource. Compliance-owned fields
 * (screening, vetting, risk, AML dates, legitimation) are not accepted; unknown keys are dropped.
 */
export class CreatePersonDto {
  /** @example "MR" */
  @IsOptional()
  @IsIn(['MR', 'MS'])
  salutation?: string;

  /** @example "DR" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  title?: string;

  /** @example "Peter" */
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  @IsNotEmpty()
  first_name: string;

  /** @example "Mustermann" */
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  @IsNotEmpty()
  last_name: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  contact_address?: AddressDto;

  /** @example "person@example.com" */
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  @NoSurroundingWhitespace()
  email?: string;

  /** @example "49301234567" */
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  mobile_number?: string;

  /** @example "Doe" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  birth_name?: string;

  /** @example "1972-12-24" */
  @IsOptional()
  @IsDateOnly()
  birth_date?: string;

  /** @example "Berlin" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  birth_city?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  birth_country?: string;

  /** @example "BE" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  birth_province?: string;

  /** @example "10233" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @NoSurroundingWhitespace()
  birth_post_code?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  nationality?: string;

  /** @example "FREELANCER" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  employment_status?: string;

  /** @example "Head of everything" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  job_title?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TaxInformationDto)
  tax_information?: TaxInformationDto;

  /** @example false */
  @IsOptional()
  @IsBoolean()
  fatca_relevant?: boolean;

  /** @example "2017-01-01T00:00:00.000Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @NoSurroundingWhitespace()
  fatca_crs_confirmed_at?: string;

  /** @example "helping people to find themselves" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  business_purpose?: string;

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

  /** @example "2017-01-01T00:00:00.000Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @NoSurroundingWhitespace()
  terms_conditions_signed_at?: string;

  /** @example "2017-01-01T00:00:00.000Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @NoSurroundingWhitespace()
  own_economic_interest_signed_at?: string;

  /** @example 20000 */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  expected_monthly_revenue_cents?: number;

  /** @example "DE123456789" */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  @NoSurroundingWhitespace()
  vat_number?: string;

  /** @example "http://social-network.com/my-company" */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoSurroundingWhitespace()
  website_social_media?: string;

  /** @example "My Business" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  business_trading_name?: string;

  /** @example "I 56.30" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @NoSurroundingWhitespace()
  nace_code?: string;

  /** @example "StreetStrasse, 42" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  business_address_line_1?: string;

  /** @example "4th floor" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  business_address_line_2?: string;

  /** @example "12345" */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @NoSurroundingWhitespace()
  business_postal_code?: string;

  /** @example "Berlin" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  business_city?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  business_country?: string;

  /** @example "2017-01-01T00:00:00.000Z" */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  @NoSurroundingWhitespace()
  data_terms_signed_at?: string;

  /** @example "RANGE_1" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  annual_income_range?: string;

  /** @example "DE" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  branch?: string;

  /** @example "PUBLIC_SUBSIDIES" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  main_income_source?: string;

  /** @example "DAILY_EXPENSES" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  purpose_of_account_opening?: string;

  /** @example "EMPLOYEES" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  socioprofessional_category?: string;

  /** @example "IT" */
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  work_country?: string;

  /** @example "VE" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  work_province?: string;

  /** @example false */
  @IsOptional()
  @IsBoolean()
  self_declared_as_pep?: boolean;

  /** @example ["DE","IT"] */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsString({ each: true })
  @Matches(COUNTRY, { each: true, message: COUNTRY_MESSAGE })
  international_operativity_expectation?: string[];

  /** @example "1234567890" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  registration_number?: string;
}
