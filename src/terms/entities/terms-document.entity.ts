import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity.js';
import type { TermsProduct } from '../terms.constants.js';

/** A T&C document customers approve or reject (`…tcdc`); registered by staff, never changed. */
@Entity('terms_documents')
@Index(['createdAt', 'id'])
export class TermsDocument {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  productName: TermsProduct;

  @Column({ type: 'varchar', length: 50, nullable: true })
  version: string | null;

  /** The staff user who registered it. */
  @Column({ type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
