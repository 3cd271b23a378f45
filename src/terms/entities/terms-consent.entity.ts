import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Person } from '../../persons/entities/person.entity.js';
import type { TermsEventType } from '../terms.constants.js';
import { TermsDocument } from './terms-document.entity.js';

/**
 * The latest decision per (document, signer, business): its primary key is what makes a second
 * APPROVED in a row a conflict in the database, whatever the number of concurrent requests.
 */
@Entity('terms_consents')
export class TermsConsent {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  documentId: string;

  @ManyToOne(() => TermsDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: TermsDocument;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  signedBy: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by' })
  signer?: Person;

  /** The business signed for, or '' for the signer themselves: key columns cannot be null. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  onBehalfOf: string;

  @Column({ type: 'varchar', length: 16 })
  latestEventType: TermsEventType;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
