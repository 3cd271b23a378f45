import {
  Column,
  CreateDateColumn,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';
import type { AddressValue } from '../dto/customer-fields.dto.js';

/**
 * The columns persons and businesses share: the Solaris id, the owning partner, the fields both
 * resources carry and the compliance state only staff change. Not an entity itself: each subclass
 * is its own table. Lists run newest first, per partner or over all.
 */
@Index(['partnerId', 'createdAt', 'id'])
@Index(['createdAt', 'id'])
export abstract class CustomerColumns {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /** The partner (API user) that created the customer and owns it. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  address: AddressValue | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industryKey: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  vatNumber: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  websiteSocialMedia: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  businessPurpose: string | null;

  @Column({ type: 'jsonb', nullable: true })
  internationalOperativityExpectation: string[] | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  registrationNumber: string | null;

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
