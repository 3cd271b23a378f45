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
import { Business } from './business.entity.js';
import { Person } from './person.entity.js';

/** A document a partner uploaded for one of its persons or businesses (`…cdoc`). */
@Entity('customer_documents')
@Index(['personId', 'createdAt'])
@Index(['businessId', 'createdAt'])
export class CustomerDocument {
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

  @Column({ type: 'varchar', length: 50 })
  documentType: string;

  @Column({ type: 'uuid' })
  fileId: string;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFile;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'integer' })
  fileSize: number;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
