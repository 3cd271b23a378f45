import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: a trigger in the migration rejects UPDATE, DELETE and TRUNCATE. */
@Entity('audit_events')
@Index(['created', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created: Date;

  /** Null for the system (scheduled jobs). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 100 })
  objectType: string;

  /** The id as the API shows it: a hex uuid under /api, a Solaris id under /v1. */
  @Index()
  @Column({ type: 'varchar', length: 64 })
  objectId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;
}
