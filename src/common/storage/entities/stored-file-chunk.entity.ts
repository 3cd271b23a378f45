import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StoredFile } from './stored-file.entity.js';

/** Consecutive slices of a stored file, so neither writing nor reading needs the whole file in memory. */
@Entity('stored_file_chunks')
export class StoredFileChunk {
  @PrimaryColumn({ type: 'uuid' })
  fileId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @ManyToOne(() => StoredFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFile;

  @Column({ type: 'bytea' })
  data: Buffer;
}
