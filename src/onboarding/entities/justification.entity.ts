import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { UserRecord } from './onboarding-record.entity.js';
import { User } from '../../users/entities/user.entity.js';
import { Verification } from './verification.entity.js';

export const REVIEW_DECISIONS = ['approved', 'rejected', 'pending'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Waldur's labels of the decisions, which its list filter takes as well as the values. */
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  pending: 'Pending Review',
};

/** A user's case for a failed or escalated verification, decided by staff. */
@Entity('onboarding_justifications')
@Index(['created', 'id'])
// At most one justification per verification awaits review, whatever races happen.
@Index('UQ_onboarding_justifications_one_pending', ['verificationId'], {
  unique: true,
  where: `"validation_decision" = 'pending'`,
})
export class Justification extends UserRecord {
  @Index()
  @Column({ type: 'uuid' })
  verificationId: string;

  @ManyToOne(() => Verification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'verification_id' })
  verification?: Verification;

  /** Null when the user gave none (as upstream). */
  @Column({ type: 'text', nullable: true })
  userJustification: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  validatedById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'validated_by_id' })
  validatedBy?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'pending' })
  validationDecision: ReviewDecision;

  @Column({ type: 'text', default: '' })
  staffNotes: string;
}
