import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WebhookEvent } from './webhook-event.entity.js';
import { WebhookSubscription } from './webhook-subscription.entity.js';

/** pending → delivered (2xx) | rejected (422) | failed (attempts exhausted) | cancelled (410). */
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'rejected' | 'failed' | 'cancelled';

/**
 * One event for one subscription. Its id is the `Solaris-Webhook-Id`, the same on every attempt,
 * so a receiver can drop a repeat. `jobId` names the one queue job allowed to attempt it next: a
 * job that lost that role (retried after a crash, superseded by a scheduled retry) does nothing.
 */
@Entity('webhook_deliveries')
@Index(['subscriptionId', 'createdAt', 'id'])
export class WebhookDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => WebhookEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEvent;

  @Column({ type: 'varchar', length: 32 })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attemptCount: number;

  @Column({ type: 'uuid' })
  jobId: string;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;
}
