import type { ValidationMethod } from '../entities/verification.entity.js';

/** What run_validation/ asks a company registry. */
export interface RegistryCheck {
  validationMethod: ValidationMethod;
  country: string;
  legalPersonIdentifier: string;
  legalName: string;
  /** The applicant's personal id (e.g. an Estonian isikukood), when the registry needs one. */
  civilNumber: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, or "". */
  birthDate: string;
}

/** A registry's answer: valid, or an error code (NOT_AUTHORIZED, COMPANY_NOT_FOUND, …). */
export interface RegistryOutcome {
  valid: boolean;
  errorCode?: string;
  message?: string;
  userRoles: string[];
  companyData: Record<string, unknown>;
  rawResponse: Record<string, unknown>;
}

/**
 * A company registry backend (Äriregister, WirtschaftsCompass, …): it answers for its validation
 * methods. A backend that cannot reach its registry throws; that becomes API_ERROR.
 */
export interface CompanyRegistry {
  readonly methods: readonly ValidationMethod[];
  check(request: RegistryCheck): Promise<RegistryOutcome>;
}

/** The registries run_validation/ may use (a multi-provider token). */
export const COMPANY_REGISTRIES = Symbol('COMPANY_REGISTRIES');
