import { Injectable } from '@nestjs/common';
import type { EntityTarget } from 'typeorm';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { ForbiddenActionError, ModelNotFoundError } from '../common/errors/api-error.js';
import { isSolarisId, type SolarisModel } from '../common/ids/ids.js';
import { lockedQuery, type Transaction, Transactions } from '../database/transactions.js';
import { Business } from './entities/business.entity.js';
import { CustomerDocument } from './entities/customer-document.entity.js';
import { Person } from './entities/person.entity.js';
import { BUSINESS, CUSTOMER_DOCUMENT, PERSON } from './customer.models.js';

export type CustomerType = 'Person' | 'Business';

/** What the caller wants to do with a customer: staff and support read all, only staff write all. */
export type CustomerAccess = 'read' | 'write';

/** A person or business as other features need it: who it is and which partner owns it. */
export interface CustomerRef {
  type: CustomerType;
  id: string;
  partnerId: string;
}

/**
 * The one place that answers "is this a person/business the caller may use?". Persons and
 * businesses belong to the partner that created them; anyone else gets 404 as if they did not
 * exist, so ids cannot be probed. Other features (postbox, question sets, T&C) go through here.
 */
@Injectable()
export class CustomersService {
  constructor(private readonly transactions: Transactions) {}

  /**
   * The person, visible to the caller for `access`; else 404 `Solaris::Person`. Given `lockIn`,
   * the row is locked (FOR UPDATE) until that transaction ends.
   */
  person(
    caller: Principal,
    id: string,
    access: CustomerAccess = 'read',
    lockIn?: Transaction,
  ): Promise<Person> {
    return this.load(Person, PERSON, caller, id, access, lockIn);
  }

  /** The business, visible to the caller for `access`; else 404 `Solaris::Business`. */
  business(caller: Principal, id: string, access: CustomerAccess = 'read'): Promise<Business> {
    return this.load(Business, BUSINESS, caller, id, access);
  }

  async customer(
    caller: Principal,
    type: CustomerType,
    id: string,
    access: CustomerAccess = 'read',
  ): Promise<CustomerRef> {
    const found =
      type === 'Person'
        ? await this.person(caller, id, access)
        : await this.business(caller, id, access);
    return { type, id: found.id, partnerId: found.partnerId };
  }

  /** A person of the given partner, or undefined (for "must be an existing person of yours" checks). */
  async personOfPartner(partnerId: string, personId: string): Promise<Person | undefined> {
    if (!isSolarisId(personId, PERSON)) return undefined;
    const person = await this.transactions.manager
      .getRepository(Person)
      .findOneBy({ id: personId, partnerId });
    return person ?? undefined;
  }

  /** A business of the given partner, or undefined. */
  async businessOfPartner(partnerId: string, businessId: string): Promise<Business | undefined> {
    if (!isSolarisId(businessId, BUSINESS)) return undefined;
    const business = await this.transactions.manager
      .getRepository(Business)
      .findOneBy({ id: businessId, partnerId });
    return business ?? undefined;
  }

  /** A customer document (`…cdoc`) with its owner, or undefined. */
  async document(documentId: string): Promise<CustomerDocument | undefined> {
    if (!isSolarisId(documentId, CUSTOMER_DOCUMENT)) return undefined;
    const document = await this.transactions.manager
      .getRepository(CustomerDocument)
      .findOneBy({ id: documentId });
    return document ?? undefined;
  }

  private async load<T extends { partnerId: string }>(
    entity: EntityTarget<T>,
    model: SolarisModel,
    caller: Principal,
    id: string,
    access: CustomerAccess,
    lockIn?: Transaction,
  ): Promise<T> {
    // Not even shaped like an id of this model: nothing to look up (and nothing odd reaches SQL).
    if (!isSolarisId(id, model)) throw new ModelNotFoundError(model.name, id);
    const query = lockIn
      ? lockedQuery(lockIn, entity, 'customer')
      : this.transactions.manager.createQueryBuilder(entity, 'customer');
    const found = await query.where('customer.id = :id', { id }).getOne();
    const own = found?.partnerId === caller.id;
    if (!found || (!own && !canReadAll(caller))) throw new ModelNotFoundError(model.name, id);
    if (access === 'write' && !own && !caller.isStaff) throw new ForbiddenActionError();
    return found;
  }
}
