import { Injectable } from '@nestjs/common';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { newSolarisId } from '../common/ids/ids.js';
import { fromApiFields } from '../common/mapping/api-fields.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import { CustomersService } from './customers.service.js';
import { AddressDto } from './dto/customer-fields.dto.js';
import type { CreateBusinessDto } from './dto/create-business.dto.js';
import { Business } from './entities/business.entity.js';
import { BUSINESS } from './customer.models.js';

@Injectable()
export class BusinessesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
  ) {}

  private get businesses() {
    return this.transactions.manager.getRepository(Business);
  }

  async create(caller: Principal, dto: CreateBusinessDto): Promise<Business> {
    // insert, not save: the id is new, so save's look-up of an existing row would be wasted (the
    // defaults come back from the INSERT either way).
    const created = this.businesses.create({
      ...fromApiFields(dto),
      id: newSolarisId(BUSINESS),
      partnerId: caller.id,
      address: AddressDto.toValue(dto.address),
    });
    await this.businesses.insert(created);
    return created;
  }

  get(caller: Principal, id: string): Promise<Business> {
    return this.customers.business(caller, id);
  }

  /** The caller's businesses (all of them for staff and support), newest first. */
  async list(caller: Principal, window: PageWindow): Promise<Page<Business>> {
    const qb = this.businesses
      .createQueryBuilder('business')
      .orderBy('business.createdAt', 'DESC')
      .addOrderBy('business.id', 'DESC')
      .offset(window.skip)
      .limit(window.take);
    if (!canReadAll(caller)) qb.where('business.partner_id = :partnerId', { partnerId: caller.id });
    const [items, total] = await qb.getManyAndCount();
    return pageOf(items, total, window);
  }
}
