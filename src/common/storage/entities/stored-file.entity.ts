import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};

/** A file kept by the service; its bytes live in stored_file_chunks. */
@Entity('stored_files')
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Detected from the content, never taken from the client. */
  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size: number;

  /** Hex SHA-256 of the content. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;
}
