import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { OnboardingRow } from './onboarding-record.entity.js';
import { StoredFile } from '../../common/storage/entities/stored-file.entity.js';
import { Justification } from './justification.entity.js';

/** A supporting document of a justification; its bytes live in the shared file store. */
@Entity('onboarding_justification_documents')
@Index(['justificationId', 'created'])
export class JustificationDocument extends OnboardingRow {
  @Column({ type: 'uuid' })
  justificationId: string;

  @ManyToOne(() => Justification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'justification_id' })
  justification?: Justification;

  @Index()
  @Column({ type: 'uuid' })
  storedFileId: string;

  /** Files are removed right after the rows that refer to them (OnboardingDocuments). */
  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stored_file_id' })
  storedFile?: StoredFile;

  /** The client's file name, sanitized; metadata only, never a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;
}
