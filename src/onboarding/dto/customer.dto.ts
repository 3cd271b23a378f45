import { toHexUuid } from '../../common/ids/ids.js';
import type { Customer } from '../entities/customer.entity.js';
import { onboardingUrls } from '../onboarding.urls.js';

/** The part of Waldur's `Customer` this service keeps. */
export class CustomerDto {
  /** @example "http://localhost:3000/api/customers/2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7/" */
  url: string;
  /** @example "2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7" */
  uuid: string;
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "Complete Checklist Company OÜ" */
  name: string;
  /** @example "Complete Checklist Company OÜ" */
  display_name: string;
  /** @example "11223344" */
  registration_code: string;
  /** @example "EE" */
  country: string;
  /** @example "EE123456789" */
  vat_code: string;
  /** @example "Narva mnt 5, Tallinn" */
  address: string;
  /** @example "10117" */
  postal: string;
  /** Absent when the organization gave none (Waldur's schema wants an address here). @example "info@example.ee" */
  email?: string;

  static from(customer: Customer, baseUrl: string): CustomerDto {
    return {
      url: onboardingUrls.customer(baseUrl, customer.id),
      uuid: toHexUuid(customer.id),
      created: customer.created,
      name: customer.name,
      display_name: customer.name,
      registration_code: customer.registrationCode,
      country: customer.country,
      vat_code: customer.vatCode,
      address: customer.address,
      postal: customer.postal,
      ...(customer.email ? { email: customer.email } : {}),
    };
  }
}
