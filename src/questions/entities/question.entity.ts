import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';
import type { QuestionSet } from './question-set.entity.js';

export const ANSWER_TYPES = ['TEXT_ONLY', 'TEXT_AND_FILES'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/**
 * One question of a set (`…cqst`) with its answer in place: a question has at most one answer,
 * which the owner rewrites until the set goes to review. `answeredAt` null means "not answered".
 */
@Entity('questions')
@Index(['questionSetId', 'position'], { unique: true })
@Check('CHK_questions_answer_type', `answer_type IN ('TEXT_ONLY', 'TEXT_AND_FILES')`)
export class Question {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  questionSetId: string;

  @ManyToOne('QuestionSet', (set: QuestionSet) => set.questions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_set_id' })
  questionSet?: Relation<QuestionSet>;

  /** Order within the set, as the questions were asked. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 2000 })
  question: string;

  @Column({ type: 'varchar', length: 20 })
  answerType: AnswerType;

  /** Customer document types an attachment may have; empty means any. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  allowedDocumentTypes: string[];

  /** The question's own deadline; the set's when none was given. */
  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answeredById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answered_by_id' })
  answeredBy?: User;

  @Column({ type: 'text', nullable: true })
  answerResponse: string | null;

  @Column({ type: 'text', nullable: true })
  answerPartnerNotes: string | null;

  /** Customer document ids (`…cdoc`) of the set's entity, checked when the answer is written. */
  @Column({ type: 'jsonb', nullable: true })
  answerAttachments: string[] | null;

  @Column({ type: 'boolean', default: false })
  answerReadyForReview: boolean;
}
