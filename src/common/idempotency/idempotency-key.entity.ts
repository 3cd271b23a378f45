import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

export type IdempotencyKeyStatus = 'started' | 'finished';

/**
 * One Idempotency-Key of one principal and the response it produced. Written in the same
 * transaction as the request's work, so a committed row is always `finished`; `started` exists
 * only inside that transaction. A normal, WAL-logged table: an unlogged one is emptied by a crash.
 */
@Entity('idempotency_keys')
@Unique('UQ_idempotency_keys_principal_key', ['principal', 'key'])
@Check('CHK_idempotency_keys_status', `"status" IN ('started', 'finished')`)
@Check(
  'CHK_idempotency_keys_finished_response',
  `"status" <> 'finished' OR "response_status" IS NOT NULL`,
)
@Check(
  'CHK_idempotency_keys_response_status',
  `"response_status" IS NULL OR "response_status" BETWEEN 200 AND 499`,
)
export class IdempotencyKey {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** The authenticated caller (user id); never taken from the request body or headers. */
  @Column({ type: 'varchar', length: 255 })
  principal: string;

  @Column({ type: 'varchar', length: 255 })
  key: string;

  @Column({ type: 'varchar', length: 10 })
  requestMethod: string;

  /** Route template, e.g. `/v1/postbox/items/:item_id/confirmations`. */
  @Column({ type: 'varchar', length: 2048 })
  requestRoute: string;

  /** SHA-256 of method, route, path params, query, canonical body and uploaded files. */
  @Column({ type: 'bytea' })
  fingerprint: Buffer;

  @Column({ type: 'varchar', length: 16, default: 'started' })
  status: IdempotencyKeyStatus;

  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  /** Only allowlisted headers (Content-Type, Location, …); never request headers. */
  @Column({ type: 'jsonb', nullable: true })
  responseHeaders: Record<string, string> | null;

  /** The exact bytes sent (JSON text), so that a replay is byte-identical. */
  @Column({ type: 'text', nullable: true })
  responseBody: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index('IDX_idempotency_keys_expires_at')
  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
