import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OnboardingRecord } from './onboarding-record.entity.js';
import { User } from '../../users/entities/user.entity.js';

/** An organization created from a verified onboarding verification; its applicant owns it. */
@Entity('onboarding_customers')
@Index(['created', 'id'])
// One customer per registration code and country, whatever races happen (upstream checks first).
@Index('UQ_onboarding_customers_registration', ['registrationCode', 'country'], {
  unique: true,
  where: `"registration_code" <> ''`,
})
export class Customer extends OnboardingRecord {
  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 160, default: '' })
  registrationCode: string;

  @Column({ type: 'varchar', length: 2, default: '' })
  country: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  vatCode: string;

  @Column({ type: 'varchar', length: 300, default: '' })
  address: string;

  @Column({ type: 'varchar', length: 20, default: '' })
  postal: string;

  @Column({ type: 'varchar', length: 75, default: '' })
  email: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User | null;
}
