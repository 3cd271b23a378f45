import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';
import type { AddressValue } from '../dto/customer-fields.dto.js';

/** A legal entity a partner onboarded; `id` is the Solaris id (32 hex + `cbiz`). */
@Entity('businesses')
@Index(['partnerId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
export class Business {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /** The partner (API user) that created the business and owns it. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'jsonb', nullable: true })
  address: AddressValue | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  sector: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industryKey: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  legalForm: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  registrationType: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  registrationNumber: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  registrationIssuer: string | null;

  @Column({ type: 'date', nullable: true })
  registrationDate: string | null;

  @Column({ type: 'date', nullable: true })
  foundationDate: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  taxCountry: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  vatNumber: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  websiteSocialMedia: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  businessPurpose: string | null;

  @Column({ type: 'jsonb', nullable: true })
  internationalOperativityExpectation: string[] | null;

  @Column({ type: 'boolean', default: false })
  flaggedByCompliance: boolean;

  @Column({ type: 'varchar', length: 50, default: 'NOT_SCREENED' })
  screeningProgress: string;

  @Column({ type: 'date', nullable: true })
  amlFollowUpDate: string | null;

  @Column({ type: 'date', nullable: true })
  amlConfirmedOn: string | null;

  @Column({ type: 'varchar', length: 50, default: 'NOT_SCORED' })
  riskClassificationStatus: string;

  @Column({ type: 'varchar', length: 50, default: 'NOT_VETTED' })
  customerVettingStatus: string;
}
