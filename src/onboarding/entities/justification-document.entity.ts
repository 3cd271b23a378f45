import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Justification } from './justification.entity.js';

/** A supporting document of a justification; its bytes live in the shared file store. */
@Entity('onboarding_justification_documents')
@Index(['justificationId', 'created'])
export class JustificationDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  justificationId: string;

  @ManyToOne(() => Justification, (justification) => justification.supportingDocumentation, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'justification_id' })
  justification?: Justification;

  @Index()
  @Column({ type: 'uuid' })
  storedFileId: string;

  /** The client's file name, sanitized; metadata only, never a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;
}
