import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UserRecord } from './onboarding-record.entity.js';
import { Customer } from './customer.entity.js';

export const VERIFICATION_STATUSES = [
  'pending',
  'verified',
  'failed',
  'escalated',
  'expired',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Waldur's labels of the statuses, which its list filter takes as well as the values. */
export const VERIFICATION_STATUS_LABELS: Record<VerificationStatus, string> = {
  pending: 'Pending',
  verified: 'Verified',
  failed: 'Failed',
  escalated: 'Escalated for manual validation',
  expired: 'Expired',
};

/**
 * The registry checks an automated validation may use, as Waldur 8.0.5 offers them (value →
 * label); empty means manual review.
 */
export const VALIDATION_METHOD_LABELS = {
  ariregister: 'Estonian Business Register (ariregister)',
  wirtschaftscompass: 'Austrian Business Register (WirtschaftsCompass)',
  bolagsverket: 'Swedish Business Register (Bolagsverket)',
  breg: 'Norwegian Business Register (Brreg)',
} as const;
export type ValidationMethod = keyof typeof VALIDATION_METHOD_LABELS;
export const VALIDATION_METHODS = Object.keys(VALIDATION_METHOD_LABELS) as ValidationMethod[];

/** A user's request to be recognised as authorised to represent a company. */
@Entity('onboarding_verifications')
@Index(['created', 'id'])
@Index(['modified'])
// Trigram indexes serve the icontains filters; they are created by hand in the migration.
@Index('IDX_onboarding_verifications_legal_name_trgm', { synchronize: false })
@Index('IDX_onboarding_verifications_legal_person_identifier_trgm', { synchronize: false })
export class Verification extends UserRecord {
  /** Blank when the applicant gave none (every applicant field is optional upstream). */
  @Index()
  @Column({ type: 'varchar', length: 2, default: '' })
  country: string;

  @Column({ type: 'varchar', length: 50, default: '' })
  legalPersonIdentifier: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  legalName: string;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: VerificationStatus;

  @Index()
  @Column({ type: 'varchar', length: 50, default: '' })
  validationMethod: ValidationMethod | '';

  /** A machine-readable code such as NOT_AUTHORIZED or VERIFICATION_EXPIRED. */
  @Column({ type: 'text', default: '' })
  errorMessage: string;

  /** The human-readable explanation of errorMessage. */
  @Column({ type: 'text', default: '' })
  errorTraceback: string;

  /** The applicant's roles in the company as the registry lists them, e.g. ["ASES"]. */
  @Column({ type: 'jsonb', default: [] })
  verifiedUserRoles: string[];

  @Column({ type: 'jsonb', default: {} })
  verifiedCompanyData: Record<string, unknown>;

  @Column({ type: 'jsonb', default: {} })
  rawResponse: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** The customer created from this verification (create_customer/). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  customerId: string | null;

  @ManyToOne(() => Customer, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'customer_id' })
  customer?: Customer | null;
}
