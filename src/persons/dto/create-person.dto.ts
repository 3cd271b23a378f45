import {
  BooleanField,
  DateField,
  DateTimeField,
  EmailField,
  EnumField,
  IntegerField,
  NestedField,
  PatternField,
  SolarisText,
} from '../../common/validation/fields.js';
import {
  AddressDto,
  CodeField,
  CountryField,
  PHONE,
  TaxInformationDto,
} from './customer-fields.dto.js';

/**
 * `POST /v1/persons`: the person fields of the Solaris person resource. Compliance-owned fields
 * (screening, vetting, risk, AML dates, legitimation) are not accepted; unknown keys are dropped.
 */
export class CreatePersonDto {
  @EnumField(['MR', 'MS'], { example: 'MR', optional: true })
  salutation?: string;

  @CodeField({ example: 'DR', optional: true })
  title?: string;

  @SolarisText({ example: 'Peter', maxLength: 100 })
  first_name: string;

  @SolarisText({ example: 'Mustermann', maxLength: 100 })
  last_name: string;

  @NestedField(() => AddressDto, { optional: true })
  address?: AddressDto;

  @NestedField(() => AddressDto, { optional: true })
  contact_address?: AddressDto;

  @EmailField({ example: 'person@example.com', maxLength: 254, optional: true })
  email?: string;

  @PatternField({ ...PHONE, example: '49301234567', optional: true })
  mobile_number?: string;

  @SolarisText({ example: 'Doe', maxLength: 100, optional: true })
  birth_name?: string;

  @DateField({ example: '1972-12-24', optional: true })
  birth_date?: string;

  @SolarisText({ example: 'Berlin', maxLength: 100, optional: true })
  birth_city?: string;

  @CountryField({ example: 'DE', optional: true })
  birth_country?: string;

  @SolarisText({ example: 'BE', maxLength: 100, optional: true })
  birth_province?: string;

  @SolarisText({ example: '10233', maxLength: 20, optional: true })
  birth_post_code?: string;

  @CountryField({ example: 'DE', optional: true })
  nationality?: string;

  @CodeField({ example: 'FREELANCER', optional: true })
  employment_status?: string;

  @SolarisText({ example: 'Head of everything', maxLength: 255, optional: true })
  job_title?: string;

  @NestedField(() => TaxInformationDto, { optional: true })
  tax_information?: TaxInformationDto;

  @BooleanField({ example: false, optional: true })
  fatca_relevant?: boolean;

  @DateTimeField({ example: '2017-01-01T00:00:00.000Z', optional: true })
  fatca_crs_confirmed_at?: string;

  @SolarisText({ example: 'helping people to find themselves', maxLength: 1000, optional: true })
  business_purpose?: string;

  @CodeField({ example: 'OTHER_SERVICES', optional: true })
  industry?: string;

  @CodeField({ example: 'EDUCATION', optional: true })
  industry_key?: string;

  @DateTimeField({ example: '2017-01-01T00:00:00.000Z', optional: true })
  terms_conditions_signed_at?: string;

  @DateTimeField({ example: '2017-01-01T00:00:00.000Z', optional: true })
  own_economic_interest_signed_at?: string;

  @IntegerField({ example: 20000, min: 0, max: 2_147_483_647, optional: true })
  expected_monthly_revenue_cents?: number;

  @SolarisText({ example: 'DE123456789', maxLength: 50, optional: true })
  vat_number?: string;

  @SolarisText({ example: 'http://social-network.com/my-company', maxLength: 500, optional: true })
  website_social_media?: string;

  @SolarisText({ example: 'My Business', maxLength: 255, optional: true })
  business_trading_name?: string;

  @SolarisText({ example: 'I 56.30', maxLength: 20, optional: true })
  nace_code?: string;

  @SolarisText({ example: 'StreetStrasse, 42', maxLength: 255, optional: true })
  business_address_line_1?: string;

  @SolarisText({ example: '4th floor', maxLength: 255, optional: true })
  business_address_line_2?: string;

  @SolarisText({ example: '12345', maxLength: 20, optional: true })
  business_postal_code?: string;

  @SolarisText({ example: 'Berlin', maxLength: 100, optional: true })
  business_city?: string;

  @CountryField({ example: 'DE', optional: true })
  business_country?: string;

  @DateTimeField({ example: '2017-01-01T00:00:00.000Z', optional: true })
  data_terms_signed_at?: string;

  @CodeField({ example: 'RANGE_1', optional: true })
  annual_income_range?: string;

  @CodeField({ example: 'DE', optional: true })
  branch?: string;

  @CodeField({ example: 'PUBLIC_SUBSIDIES', optional: true })
  main_income_source?: string;

  @CodeField({ example: 'DAILY_EXPENSES', optional: true })
  purpose_of_account_opening?: string;

  @CodeField({ example: 'EMPLOYEES', optional: true })
  socioprofessional_category?: string;

  @CountryField({ example: 'IT', optional: true })
  work_country?: string;

  @SolarisText({ example: 'VE', maxLength: 100, optional: true })
  work_province?: string;

  @BooleanField({ example: false, optional: true })
  self_declared_as_pep?: boolean;

  @CountryField({ example: ['DE', 'IT'], maxItems: 250, optional: true })
  international_operativity_expectation?: string[];

  @SolarisText({ example: '1234567890', maxLength: 100, optional: true })
  registration_number?: string;
}
