import { Column, Entity } from 'typeorm';
import type { AddressValue, TaxInformationValue } from '../dto/customer-fields.dto.js';
import { CustomerColumns } from './customer-columns.js';

/** A natural person a partner onboarded; `id` is the Solaris id (32 hex + `cper`). */
@Entity('persons')
export class Person extends CustomerColumns {
  @Column({ type: 'varchar', length: 20, nullable: true })
  salutation: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 100 })
  firstName: string;

  @Column({ type: 'varchar', length: 100 })
  lastName: string;

  @Column({ type: 'jsonb', nullable: true })
  contactAddress: AddressValue | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  mobileNumber: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  birthName: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  birthCity: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  birthCountry: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  birthProvince: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  birthPostCode: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  nationality: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  employmentStatus: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'jsonb', nullable: true })
  taxInformation: TaxInformationValue | null;

  @Column({ type: 'boolean', nullable: true })
  fatcaRelevant: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  fatcaCrsConfirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  termsConditionsSignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  ownEconomicInterestSignedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  expectedMonthlyRevenueCents: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  businessTradingName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  naceCode: string | null;

  @Column({ name: 'business_address_line_1', type: 'varchar', length: 255, nullable: true })
  businessAddressLine1: string | null;

  @Column({ name: 'business_address_line_2', type: 'varchar', length: 255, nullable: true })
  businessAddressLine2: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  businessPostalCode: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  businessCity: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  businessCountry: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  dataTermsSignedAt: Date | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  annualIncomeRange: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  branch: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  mainIncomeSource: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  purposeOfAccountOpening: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  socioprofessionalCategory: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  workCountry: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  workProvince: string | null;

  @Column({ type: 'boolean', nullable: true })
  selfDeclaredAsPep: boolean | null;

  @Column({ type: 'date', nullable: true })
  legitimationValidUntil: string | null;
}
