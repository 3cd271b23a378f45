import { VALIDATION_METHODS } from '../entities/verification.entity.js';
import type { CompanyRegistry, RegistryCheck, RegistryOutcome } from './company-registry.js';

/**
 * The sandbox's registry: it answers every validation method without a network, deciding from the
 * company's registration code so that each outcome can be produced on purpose —
 * ending in `404`: COMPANY_NOT_FOUND; ending in `403`: NOT_AUTHORIZED; ending in `502`: the
 * registry is unreachable (API_ERROR); anything else: verified, with the role `ASES`.
 */
export class SandboxCompanyRegistry implements CompanyRegistry {
  readonly methods = VALIDATION_METHODS;

  check(request: RegistryCheck): Promise<RegistryOutcome> {
    const code = request.legalPersonIdentifier;
    const rawResponse = {
      sandbox: true,
      validation_method: request.validationMethod,
      registration_code: code,
    };
    if (code.endsWith('502')) {
      return Promise.reject(new Error('the sandbox registry is unreachable for this code'));
    }
    if (code.endsWith('404')) {
      return Promise.resolve({
        valid: false,
        errorCode: 'COMPANY_NOT_FOUND',
        message: `Company with registration code ${code} not found`,
        userRoles: [],
        companyData: {},
        rawResponse,
      });
    }
    const companyData = {
      name: request.legalName || `Company ${code}`,
      legal_person_identifier: code,
      status: 'Entered into the register',
      registry: `Sandbox registry (${request.validationMethod})`,
    };
    if (code.endsWith('403')) {
      return Promise.resolve({
        valid: false,
        errorCode: 'NOT_AUTHORIZED',
        message: `User ${request.civilNumber || 'without a personal id'} is not listed as authorized representative`,
        userRoles: [],
        companyData,
        rawResponse,
      });
    }
    return Promise.resolve({ valid: true, userRoles: ['ASES'], companyData, rawResponse });
  }
}
