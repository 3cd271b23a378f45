import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { newSolarisId } from '../common/ids/ids.js';
import { fromApiFields } from '../common/mapping/api-fields.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import { toDateOnly, toInstant } from '../common/validation/solaris-validators.js';
import { Transactions } from '../database/transactions.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import { CustomersService } from './customers.service.js';
import { AddressDto, TaxInformationDto } from './dto/customer-fields.dto.js';
import type { CreatePersonDto } from './dto/create-person.dto.js';
import type { UpdateForDevelopmentDto } from './dto/update-for-development.dto.js';
import { Person } from './entities/person.entity.js';
import { PERSON } from './customer.models.js';

@Injectable()
export class PersonsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookOutbox,
  ) {}

  private get persons() {
    return this.transactions.manager.getRepository(Person);
  }

  async create(caller: Principal, dto: CreatePersonDto): Promise<Person> {
    // insert, not save: the id is new, so save's look-up of an existing row would be wasted (the
    // defaults come back from the INSERT either way).
    const created = this.persons.create({
      ...fromApiFields(dto),
      id: newSolarisId(PERSON),
      partnerId: caller.id,
      address: AddressDto.toValue(dto.address),
      contactAddress: AddressDto.toValue(dto.contact_address),
      taxInformation: TaxInformationDto.toValue(dto.tax_information),
      fatcaCrsConfirmedAt: toInstant(dto.fatca_crs_confirmed_at),
      termsConditionsSignedAt: toInstant(dto.terms_conditions_signed_at),
      ownEconomicInterestSignedAt: toInstant(dto.own_economic_interest_signed_at),
      dataTermsSignedAt: toInstant(dto.data_terms_signed_at),
    });
    await this.persons.insert(created);
    return created;
  }

  get(caller: Principal, id: string): Promise<Person> {
    return this.customers.person(caller, id);
  }

  /** The caller's persons (all of them for staff and support), newest first. */
  async list(caller: Principal, window: PageWindow): Promise<Page<Person>> {
    const qb = this.persons
      .createQueryBuilder('person')
      .orderBy('person.createdAt', 'DESC')
      .addOrderBy('person.id', 'DESC')
      .offset(window.skip)
      .limit(window.take);
    if (!canReadAll(caller)) qb.where('person.partner_id = :partnerId', { partnerId: caller.id });
    const [items, total] = await qb.getManyAndCount();
    return pageOf(items, total, window);
  }

  /** Sandbox hook: sets the AML dates and birth city (null leaves a field), audited. */
  updateForDevelopment(
    caller: Principal,
    id: string,
    dto: UpdateForDevelopmentDto,
  ): Promise<Person> {
    return this.transactions.run(async (tx) => {
      const person = await this.customers.person(caller, id, 'write', tx);
      const before = amlFieldsOf(person);
      if (dto.aml_follow_up_date != null) {
        person.amlFollowUpDate = toDateOnly(dto.aml_follow_up_date)!;
      }
      if (dto.aml_confirmed_on != null) person.amlConfirmedOn = toDateOnly(dto.aml_confirmed_on)!;
      if (dto.birth_city != null) person.birthCity = dto.birth_city;
      const saved = await tx.getRepository(Person).save(person);
      await this.audit.record({
        actorId: caller.id,
        action: 'person.aml_updated',
        objectType: 'person',
        objectId: saved.id,
        before,
        after: amlFieldsOf(saved),
      });
      await this.webhooks.publish({
        eventType: 'PERSON_CHANGED',
        entityId: saved.id,
        ownerId: saved.partnerId,
        body: {},
      });
      return saved;
    });
  }
}

function amlFieldsOf(person: Person): Record<string, unknown> {
  return {
    aml_follow_up_date: person.amlFollowUpDate,
    aml_confirmed_on: person.amlConfirmedOn,
    birth_city: person.birthCity,
  };
}
