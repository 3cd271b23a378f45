import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';

export const VERIFICATION_STATUSES = [
  'pending',
  'verified',
  'failed',
  'escalated',
  'expired',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** The registry checks an automated validation may use; empty means manual review. */
export const VALIDATION_METHODS = [
  'ariregister',
  'wirtschaftscompass',
  'bolagsverket',
  'breg',
  'dnb_se',
  'dnb_no',
  'dnb_dk',
  'dnb_fi',
] as const;
export type ValidationMethod = (typeof VALIDATION_METHODS)[number];

/** A user's request to be recognised as authorised to represent a company. */
@Entity('onboarding_verifications')
@Index(['created', 'id'])
// Trigram indexes serve the icontains filters; they are created by hand in the migration.
@Index('IDX_onboarding_verifications_legal_name_trgm', { synchronize: false })
@Index('IDX_onboarding_verifications_legal_person_identifier_trgm', { synchronize: false })
export class Verification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index()
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 50 })
  legalPersonIdentifier: string;

  @Column({ type: 'varchar', length: 255 })
  legalName: string;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: VerificationStatus;

  @Column({ type: 'varchar', length: 50, default: '' })
  validationMethod: ValidationMethod | '';

  /** A machine-readable code such as NOT_AUTHORIZED or VERIFICATION_EXPIRED. */
  @Column({ type: 'text', default: '' })
  errorMessage: string;

  /** The human-readable explanation of errorMessage. */
  @Column({ type: 'text', default: '' })
  errorTraceback: string;

  @Column({ type: 'jsonb', default: {} })
  verifiedCompanyData: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  rawResponse: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;

  @Index()
  @UpdateDateColumn({ type: 'timestamptz' })
  modified: Date;
}
