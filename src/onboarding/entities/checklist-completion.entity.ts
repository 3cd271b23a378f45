import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OnboardingRecord, UserRecord } from './onboarding-record.entity.js';
import { Verification } from './verification.entity.js';

export const CHECKLIST_TYPES = ['customer', 'intent'] as const;
export type ChecklistType = (typeof CHECKLIST_TYPES)[number];

/**
 * A verification's progress through one of the portal's onboarding checklists; `modified` moves
 * with every answer submitted.
 */
@Entity('onboarding_checklist_completions')
@Index(['verificationId', 'checklistType'], { unique: true })
export class ChecklistCompletion extends OnboardingRecord {
  @Column({ type: 'uuid' })
  verificationId: string;

  @ManyToOne(() => Verification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'verification_id' })
  verification?: Verification;

  @Column({ type: 'varchar', length: 20 })
  checklistType: ChecklistType;
}

/** The applicant's answer to one question of a checklist. */
@Entity('onboarding_checklist_answers')
@Index(['completionId', 'questionId'], { unique: true })
export class ChecklistAnswer extends UserRecord {
  @Column({ type: 'uuid' })
  completionId: string;

  @ManyToOne(() => ChecklistCompletion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'completion_id' })
  completion?: ChecklistCompletion;

  /** A question of the checklist catalogue (OnboardingChecklists), not a row. */
  @Column({ type: 'uuid' })
  questionId: string;

  @Column({ type: 'jsonb' })
  answerData: unknown;
}
