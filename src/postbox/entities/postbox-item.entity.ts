import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { StoredFile } from '../../common/storage/entities/stored-file.entity.js';
import { PostboxDocument } from './postbox-document.entity.js';

export type PostboxOwnerType = 'Person' | 'Business';

/**
 * A document delivered to a person's or business's Postbox (`…pbxi`). The list index serves one
 * owner's newest-first page with its filters: the owner and created_at bound the range, the
 * backward scan gives the order, and document_type is checked inside the index.
 */
@Entity('postbox_items')
@Index('postbox_items_owner_list', ['belongsTo', 'createdAt', 'id', 'documentType'])
export class PostboxItem {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  /** The person (`…cper`) or business (`…cbiz`) id. */
  @Column({ type: 'varchar', length: 40 })
  belongsTo: string;

  @Column({ type: 'varchar', length: 10 })
  ownerType: PostboxOwnerType;

  /** The partner owning the person or business, so access checks need no join. */
  @Column({ type: 'uuid' })
  partnerId: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'date' })
  documentDate: string;

  @Column({ type: 'varchar', length: 50 })
  documentType: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  customerNotification: boolean;

  @Column({ type: 'boolean', default: false })
  customerConfirmation: boolean;

  @Column({ type: 'varchar', length: 40 })
  documentId: string;

  @ManyToOne(() => PostboxDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document?: PostboxDocument;

  @Column({ type: 'uuid' })
  fileId: string;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFile;

  @Column({ type: 'integer' })
  documentSize: number;

  @Column({ type: 'varchar', length: 100 })
  documentContentType: string;

  @Column({ type: 'boolean', default: false })
  hasBeenRead: boolean;

  @Column({ type: 'boolean', default: false })
  hasBeenConfirmed: boolean;
}
