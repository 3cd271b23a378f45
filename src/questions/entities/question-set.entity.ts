import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Business } from '../../persons/entities/business.entity.js';
import { Person } from '../../persons/entities/person.entity.js';
import { User } from '../../users/entities/user.entity.js';
import { Question } from './question.entity.js';

export const QUESTION_SET_STATUSES = ['OPEN', 'READY_FOR_REVIEW'] as const;
export type QuestionSetStatus = (typeof QUESTION_SET_STATUSES)[number];

export const RECIPIENT_TYPES = ['CUSTOMER', 'PARTNER'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/**
 * Follow-up questions for one person or business (`…cqset`). Exactly one of `personId` and
 * `businessId` is set, each a real foreign key, so a set never names a customer that does not
 * exist.
 */
@Entity('question_sets')
@Index(['personId', 'createdAt'])
@Index(['businessId', 'createdAt'])
@Index(['partnerId', 'createdAt', 'id'])
@Check('CHK_question_sets_one_entity', 'num_nonnulls(person_id, business_id) = 1')
@Check('CHK_question_sets_status', `status IN ('OPEN', 'READY_FOR_REVIEW')`)
@Check('CHK_question_sets_recipient_type', `recipient_type IN ('CUSTOMER', 'PARTNER')`)
export class QuestionSet {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 40, nullable: true })
  businessId: string | null;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id' })
  business?: Business;

  /** The partner owning the person or business (they never change owner): who may answer. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;

  /** The staff member who asked. */
  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User;

  /** A related resource, e.g. the CDD screening that raised the questions. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  contextId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  deadline: Date;

  @Column({ type: 'varchar', length: 20, default: 'OPEN' })
  status: QuestionSetStatus;

  @Column({ type: 'varchar', length: 64, nullable: true })
  recipientId: string | null;

  @Column({ type: 'varchar', length: 10 })
  recipientType: RecipientType;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @OneToMany(() => Question, (question) => question.questionSet)
  questions?: Relation<Question>[];
}

/** The person or business id of a set, as the API shows it in `entity_id`. */
export const entityIdOf = (set: QuestionSet): string => (set.personId ?? set.businessId)!;
