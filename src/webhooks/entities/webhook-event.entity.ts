import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The outbox: one row per business change that partners subscribed to, written in the change's
 * own transaction. `body` is the exact JSON text every delivery sends and signs.
 */
@Entity('webhook_events')
export class WebhookEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  eventType: string;

  /** What `Solaris-Entity-Id` names: the person, business or justification concerned. */
  @Column({ type: 'varchar', length: 64 })
  entityId: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
