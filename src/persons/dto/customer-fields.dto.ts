import { ApiProperty } from '@nestjs/swagger';
import { type FieldOptions, PatternField, SolarisText } from '../../common/validation/fields.js';

/** Enum-like Solaris values (industry, employment_status, …): upper snake case, case-sensitive. */
export const CODE = {
  pattern: /^[A-Z][A-Z0-9_]{0,49}$/,
  message: 'must be an upper-case code such as OTHER_SERVICES',
};
/** ISO 3166-1 alpha-2, upper case. */
const COUNTRY = {
  pattern: /^[A-Z]{2}$/,
  message: 'must be an ISO 3166-1 alpha-2 country code such as DE',
};
export const PHONE = {
  pattern: /^\+?[0-9]{5,20}$/,
  message: 'must be a phone number of 5 to 20 digits, optionally after a +',
};

/** An upper-case Solaris code such as `OTHER_SERVICES`. */
export const CodeField = (options: FieldOptions<string>) => PatternField({ ...CODE, ...options });

/** An ISO 3166-1 alpha-2 country code, or a list of them with `maxItems`. */
export const CountryField = (options: FieldOptions<string | string[]> & { maxItems?: number }) =>
  PatternField({ ...COUNTRY, ...options });

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
  @SolarisText({ example: 'Musterstraße 12', maxLength: 255 })
  line_1: string;

  @SolarisText({ example: '2. OG', maxLength: 255, optional: true, nullable: true })
  line_2?: string | null;

  @SolarisText({ example: '10409', maxLength: 20 })
  postal_code: string;

  @SolarisText({ example: 'Berlin', maxLength: 100 })
  city: string;

  @CountryField({ example: 'DE' })
  country: string;

  @SolarisText({ example: 'BE', maxLength: 100, optional: true, nullable: true })
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
  @CodeField({ example: 'SEPARATE', optional: true, nullable: true })
  tax_assessment?: string | null;

  @CodeField({ example: 'MARRIED', optional: true, nullable: true })
  marital_status?: string | null;

  static toValue(dto: TaxInformationDto | null | undefined): TaxInformationValue | null {
    if (!dto) return null;
    return {
      tax_assessment: dto.tax_assessment ?? null,
      marital_status: dto.marital_status ?? null,
    };
  }
}

/**
 * The compliance state of a person or business: set by staff and the AML process, never by
 * partners. Documented by decorators, not comments: the responses list their fields at load time.
 */
export class ComplianceFieldsDto {
  @ApiProperty({ example: false })
  flagged_by_compliance: boolean;
  @ApiProperty({ example: 'NOT_SCREENED' })
  screening_progress: string;
  @ApiProperty({ example: '2017-01-15', nullable: true })
  aml_follow_up_date: string | null;
  @ApiProperty({ example: '2017-01-30', nullable: true })
  aml_confirmed_on: string | null;
  @ApiProperty({ example: 'NOT_SCORED' })
  risk_classification_status: string;
  @ApiProperty({ example: 'NOT_VETTED' })
  customer_vetting_status: string;
}
