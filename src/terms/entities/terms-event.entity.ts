import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Business } from '../../persons/entities/business.entity.js';
import { Person } from '../../persons/entities/person.entity.js';
import { User } from '../../users/entities/user.entity.js';
import type { TermsEventType, TermsProduct } from '../terms.constants.js';
import { TermsDocument } from './terms-document.entity.js';

/**
 * One approval or rejection of a T&C document by a person (for themselves or a business); the id
 * is bare 32 hex, as Solaris shows it. Lists run newest `event_timestamp` first, so each filter
 * has an index ending in (event_timestamp, id) that serves filter, order and range at once.
 */
@Entity('terms_events')
@Index(['eventTimestamp', 'id'])
@Index(['partnerId', 'eventTimestamp', 'id'])
@Index(['documentId', 'eventTimestamp', 'id'])
@Index(['signedBy', 'eventTimestamp', 'id'])
@Index(['signedOnBehalfOf', 'eventTimestamp', 'id'])
@Index(['productName', 'eventTimestamp', 'id'])
@Index(['eventType', 'eventTimestamp', 'id'])
export class TermsEvent {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  documentId: string;

  @ManyToOne(() => TermsDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: TermsDocument;

  /** The document's name when it was signed: the record keeps what the customer saw. */
  @Column({ type: 'varchar', length: 255 })
  documentName: string;

  /** When the customer acted (given by the partner). */
  @Column({ type: 'timestamptz', precision: 3 })
  eventTimestamp: Date;

  /** When the event was recorded. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'varchar', length: 16 })
  eventType: TermsEventType;

  @Column({ type: 'varchar', length: 40 })
  signedBy: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by' })
  signer?: Person;

  @Column({ type: 'varchar', length: 40, nullable: true })
  signedOnBehalfOf: string | null;

  @ManyToOne(() => Business, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_on_behalf_of' })
  business?: Business;

  @Column({ type: 'varchar', length: 40 })
  productName: TermsProduct;

  /** The partner owning the signer: partners see only their own persons' events. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;
}
