import type { Person } from '../entities/person.entity.js';
import { AddressDto, TaxInformationDto } from './customer-fields.dto.js';

/** The Solaris person resource: every field, null where unknown. */
export class PersonDto {
  /** @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  id: string;
  /** @example "MR" */
  salutation: string | null;
  /** @example "DR" */
  title: string | null;
  /** @example "Peter" */
  first_name: string;
  /** @example "Mustermann" */
  last_name: string;
  address: AddressDto | null;
  contact_address: AddressDto | null;
  /** @example "person@example.com" */
  email: string | null;
  /** @example "49301234567" */
  mobile_number: string | null;
  /** @example "Doe" */
  birth_name: string | null;
  /** @example "1972-12-24" */
  birth_date: string | null;
  /** @example "Berlin" */
  birth_city: string | null;
  /** @example "DE" */
  birth_country: string | null;
  /** @example "BE" */
  birth_province: string | null;
  /** @example "10233" */
  birth_post_code: string | null;
  /** @example "DE" */
  nationality: string | null;
  /** @example "FREELANCER" */
  employment_status: string | null;
  /** @example "Head of everything" */
  job_title: string | null;
  tax_information: TaxInformationDto | null;
  /** @example false */
  fatca_relevant: boolean | null;
  /** @example "2017-01-01T00:00:00.000Z" */
  fatca_crs_confirmed_at: Date | null;
  /** @example "helping people to find themselves" */
  business_purpose: string | null;
  /** @example "OTHER_SERVICES" */
  industry: string | null;
  /** @example "EDUCATION" */
  industry_key: string | null;
  /** @example "2017-01-01T00:00:00.000Z" */
  terms_conditions_signed_at: Date | null;
  /** @example "2017-01-01T00:00:00.000Z" */
  own_economic_interest_signed_at: Date | null;
  /** @example 20000 */
  expected_monthly_revenue_cents: number | null;
  /** @example "DE123456789" */
  vat_number: string | null;
  /** @example "http://social-network.com/my-company" */
  website_social_media: string | null;
  /** @example "My Business" */
  business_trading_name: string | null;
  /** @example "I 56.30" */
  nace_code: string | null;
  /** @example "StreetStrasse, 42" */
  business_address_line_1: string | null;
  /** @example "4th floor" */
  business_address_line_2: string | null;
  /** @example "12345" */
  business_postal_code: string | null;
  /** @example "Berlin" */
  business_city: string | null;
  /** @example "DE" */
  business_country: string | null;
  /** @example "2017-01-01T00:00:00.000Z" */
  data_terms_signed_at: Date | null;
  /** @example "RANGE_1" */
  annual_income_range: string | null;
  /** @example "DE" */
  branch: string | null;
  /** @example "PUBLIC_SUBSIDIES" */
  main_income_source: string | null;
  /** @example "DAILY_EXPENSES" */
  purpose_of_account_opening: string | null;
  /** @example "EMPLOYEES" */
  socioprofessional_category: string | null;
  /** @example "IT" */
  work_country: string | null;
  /** @example "VE" */
  work_province: string | null;
  /** @example false */
  self_declared_as_pep: boolean | null;
  /** @example ["DE","IT"] */
  international_operativity_expectation: string[] | null;
  /** @example "1234567890" */
  registration_number: string | null;
  /** @example false */
  flagged_by_compliance: boolean;
  /** @example "NOT_SCREENED" */
  screening_progress: string;
  /** @example "2017-01-15" */
  aml_follow_up_date: string | null;
  /** @example "2017-01-30" */
  aml_confirmed_on: string | null;
  /** @example "NOT_SCORED" */
  risk_classification_status: string;
  /** @example "NOT_VETTED" */
  customer_vetting_status: string;
  /** @example "2025-12-31" */
  legitimation_valid_until: string | null;

  static from(e: Person): PersonDto {
    return {
      id: e.id,
      salutation: e.salutation,
      title: e.title,
      first_name: e.firstName,
      last_name: e.lastName,
      address: e.address,
      contact_address: e.contactAddress,
      email: e.email,
      mobile_number: e.mobileNumber,
      birth_name: e.birthName,
      birth_date: e.birthDate,
      birth_city: e.birthCity,
      birth_country: e.birthCountry,
      birth_province: e.birthProvince,
      birth_post_code: e.birthPostCode,
      nationality: e.nationality,
      employment_status: e.employmentStatus,
      job_title: e.jobTitle,
      tax_information: e.taxInformation,
      fatca_relevant: e.fatcaRelevant,
      fatca_crs_confirmed_at: e.fatcaCrsConfirmedAt,
      business_purpose: e.businessPurpose,
      industry: e.industry,
      industry_key: e.industryKey,
      terms_conditions_signed_at: e.termsConditionsSignedAt,
      own_economic_interest_signed_at: e.ownEconomicInterestSignedAt,
      expected_monthly_revenue_cents: e.expectedMonthlyRevenueCents,
      vat_number: e.vatNumber,
      website_social_media: e.websiteSocialMedia,
      business_trading_name: e.businessTradingName,
      nace_code: e.naceCode,
      business_address_line_1: e.businessAddressLine1,
      business_address_line_2: e.businessAddressLine2,
      business_postal_code: e.businessPostalCode,
      business_city: e.businessCity,
      business_country: e.businessCountry,
      data_terms_signed_at: e.dataTermsSignedAt,
      annual_income_range: e.annualIncomeRange,
      branch: e.branch,
      main_income_source: e.mainIncomeSource,
      purpose_of_account_opening: e.purposeOfAccountOpening,
      socioprofessional_category: e.socioprofessionalCategory,
      work_country: e.workCountry,
      work_province: e.workProvince,
      self_declared_as_pep: e.selfDeclaredAsPep,
      international_operativity_expectation: e.internationalOperativityExpectation,
      registration_number: e.registrationNumber,
      flagged_by_compliance: e.flaggedByCompliance,
      screening_progress: e.screeningProgress,
      aml_follow_up_date: e.amlFollowUpDate,
      aml_confirmed_on: e.amlConfirmedOn,
      risk_classification_status: e.riskClassificationStatus,
      customer_vetting_status: e.customerVettingStatus,
      legitimation_valid_until: e.legitimationValidUntil,
    };
  }
}
