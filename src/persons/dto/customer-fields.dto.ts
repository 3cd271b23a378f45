import { IsOptional, IsString, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';

/** Enum-like Solaris values (industry, employment_status, …): upper snake case, case-sensitive. */
export const CODE = /^[A-Z][A-Z0-9_]{0,49}$/;
export const CODE_MESSAGE = 'must be an upper-case code such as OTHER_SERVICES';
/** ISO 3166-1 alpha-2, upper case. */
export const COUNTRY = /^[A-Z]{2}$/;
export const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 country code such as DE';
export const PHONE = /^\+?[0-9]{5,20}$/;
export const PHONE_MESSAGE = 'must be a phone number of 5 to 20 digits, optionally after a +';

/** Stored form of an address (jsonb). */
export interface AddressValue {
  line_1: string;
  line_2: string | null;
  postal_code: string;
  city: string;
  country: string;
  state: string | null;
}

export interface TaxInformationValue {
  tax_assessment: string | null;
  marital_status: string | null;
}

export class AddressDto {
  /** @example "Musterstraße 12" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  line_1: string;

  /** @example "2. OG" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  line_2?: string | null;

  /** @example "10409" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  @NoSurroundingWhitespace()
  postal_code: string;

  /** @example "Berlin" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  city: string;

  /** @example "DE" */
  @IsString()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  country: string;

  /** @example "BE" */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoSurroundingWhitespace()
  state?: string | null;

  static toValue(dto: AddressDto | null | undefined): AddressValue | null {
    if (!dto) return null;
    return {
      line_1: dto.line_1,
      line_2: dto.line_2 ?? null,
      postal_code: dto.postal_code,
      city: dto.city,
      country: dto.country,
      state: dto.state ?? null,
    };
  }
}

export class TaxInformationDto {
  /** @example "SEPARATE" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  tax_assessment?: string | null;

  /** @example "MARRIED" */
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  marital_status?: string | null;

  static toValue(dto: TaxInformationDto | null | undefined): TaxInformationValue | null {
    if (!dto) return null;
    return {
      tax_assessment: dto.tax_assessment ?? null,
      marital_status: dto.marital_status ?? null,
    };
  }
}
