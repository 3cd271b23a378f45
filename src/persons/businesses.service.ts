import { Injectable } from '@nestjs/common';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { newSolarisId } from '../common/ids/ids.js';
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
    return this.businesses.save(
      this.businesses.create({
        id: newSolarisId(BUSINESS),
        partnerId: caller.id,
        name: dto.name,
        address: AddressDto.toValue(dto.address),
        sector: dto.sector ?? null,
        industry: dto.industry ?? null,
        industryKey: dto.industry_key ?? null,
        legalForm: dto.legal_form ?? null,
        registrationType: dto.registration_type ?? null,
        registrationNumber: dto.registration_number ?? null,
        registrationIssuer: dto.registration_issuer ?? null,
        registrationDate: dto.registration_date ?? null,
        foundationDate: dto.foundation_date ?? null,
        taxCountry: dto.tax_country ?? null,
        vatNumber: dto.vat_number ?? null,
        websiteSocialMedia: dto.website_social_media ?? null,
        businessPurpose: dto.business_purpose ?? null,
        internationalOperativityExpectation: dto.international_operativity_expectation ?? null,
      }),
    );
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
