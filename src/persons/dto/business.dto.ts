import type { Business } from '../entities/business.entity.js';
import { AddressDto } from './customer-fields.dto.js';

/** The Solaris business resource: every field, null where unknown. */
export class BusinessDto {
  /** @example "a9a25dc10aa74244bd0bb75d1ce6b3b5cbiz" */
  id: string;
  /** @example "Mustermann Consulting GmbH" */
  name: string;
  address: AddressDto | null;
  /** @example "OTHER_COMPANIES" */
  sector: string | null;
  /** @example "OTHER_SERVICES" */
  industry: string | null;
  /** @example "EDUCATION" */
  industry_key: string | null;
  /** @example "GMBH" */
  legal_form: string | null;
  /** @example "HRB" */
  registration_type: string | null;
  /** @example "HRB 12345" */
  registration_number: string | null;
  /** @example "Amtsgericht Berlin-Charlottenburg" */
  registration_issuer: string | null;
  /** @example "2015-03-01" */
  registration_date: string | null;
  /** @example "2015-01-15" */
  foundation_date: string | null;
  /** @example "DE" */
  tax_country: string | null;
  /** @example "DE123456789" */
  vat_number: string | null;
  /** @example "https://example.com" */
  website_social_media: string | null;
  /** @example "IT consulting" */
  business_purpose: string | null;
  /** @example ["DE","AT"] */
  international_operativity_expectation: string[] | null;
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

  static from(e: Business): BusinessDto {
    return {
      id: e.id,
      name: e.name,
      address: e.address,
      sector: e.sector,
      industry: e.industry,
      industry_key: e.industryKey,
      legal_form: e.legalForm,
      registration_type: e.registrationType,
      registration_number: e.registrationNumber,
      registration_issuer: e.registrationIssuer,
      registration_date: e.registrationDate,
      foundation_date: e.foundationDate,
      tax_country: e.taxCountry,
      vat_number: e.vatNumber,
      website_social_media: e.websiteSocialMedia,
      business_purpose: e.businessPurpose,
      international_operativity_expectation: e.internationalOperativityExpectation,
      flagged_by_compliance: e.flaggedByCompliance,
      screening_progress: e.screeningProgress,
      aml_follow_up_date: e.amlFollowUpDate,
      aml_confirmed_on: e.amlConfirmedOn,
      risk_classification_status: e.riskClassificationStatus,
      customer_vetting_status: e.customerVettingStatus,
    };
  }
}
