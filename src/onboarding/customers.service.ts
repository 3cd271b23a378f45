import { Injectable } from '@nestjs/common';
import { isEmail, isISO31661Alpha2 } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { ModelNotFoundError } from '../common/errors/api-error.js';
import { toHexUuid } from '../common/ids/ids.js';
import { Transactions } from '../database/transactions.js';
import { Customer } from './entities/customer.entity.js';
import { Verification } from './entities/verification.entity.js';
import { MODELS, onboardingErrors as errors } from './onboarding.errors.js';
import { VerificationsService } from './verifications.service.js';

/** Customers (organizations) made from verified verifications. */
@Injectable()
export class CustomersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly verifications: VerificationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * create_customer/ (the applicant or staff): once the verification may make one (see
   * OnboardingViews), the customer is built from the registry's data, then the checklist answers,
   * then the applicant's fields, and the applicant owns it.
   */
  async createFrom(caller: Principal, verificationId: string): Promise<Customer> {
    return this.transactions.run(async (tx) => {
      const verification = await this.verifications.findVisible(caller, verificationId, true);
      if (verification.userId !== caller.id && !caller.isStaff) throw errors.notPermitted();
      const { facts } = await this.verifications.viewOf(verification, caller);
      if (facts.customerCreationError) {
        throw errors.cannotCreateCustomer(facts.customerCreationError);
      }
      const registry = verification.verifiedCompanyData;
      const answers = facts.customerData;
      const pick = (...values: unknown[]) =>
        (values.find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined) ?? '';
      const country = pick(verification.country, answers.country).toUpperCase();
      const email = pick(answers.email);
      let customer: Customer;
      try {
        customer = await tx.save(
          tx.create(Customer, {
            name: pick(
              registry.name,
              answers.name,
              verification.legalName,
              `Company ${verification.legalPersonIdentifier}`,
            ).slice(0, 150),
            registrationCode: verification.legalPersonIdentifier,
            country: isISO31661Alpha2(country) || country === 'EU' ? country : '',
            vatCode: pick(registry.vat_number, answers.vat_code).slice(0, 20),
            address: pick(registry.address, answers.address).slice(0, 300),
            postal: pick(registry.postal, answers.postal).slice(0, 20),
            email: isEmail(email) ? email.slice(0, 75) : '',
            ownerId: verification.userId,
          }),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw errors.cannotCreateCustomer(
          `Customer with registration code ${verification.legalPersonIdentifier} already exists for country ${verification.country}`,
        );
      }
      await tx.update(Verification, { id: verification.id }, { customerId: customer.id });
      await this.audit.record({
        actorId: caller.id,
        action: 'verification.customer_created',
        objectType: 'onboarding_verification',
        objectId: toHexUuid(verification.id),
        before: { customer_uuid: null },
        after: { customer_uuid: toHexUuid(customer.id), name: customer.name },
      });
      return customer;
    });
  }

  /** A customer for its owner, staff and support; anything else is a 404. */
  async get(caller: Principal, id: string): Promise<Customer> {
    const customer = await this.transactions.manager.findOneBy(Customer, { id });
    if (!customer || (customer.ownerId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError(MODELS.customer, id);
    }
    return customer;
  }
}

/** Two verifications of one company racing to create its customer: the index refuses the second. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === '23505';
}
