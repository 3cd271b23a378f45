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
import type { WebhookEventType } from '../webhook-event-types.js';

export type WebhookSubscriptionStatus = 'active' | 'cancelled';

/**
 * A partner's endpoint for one event type. `id` is bare 32 hex, as Solaris shows subscription ids.
 * The secret is kept as issued: it keys the HMAC of every delivery, so it cannot be hashed.
 */
@Entity('webhook_subscriptions')
@Index(['partnerId', 'createdAt', 'id'])
@Index(['eventType', 'status'])
@Index('webhook_subscriptions_one_active', ['partnerId', 'eventType', 'url'], {
  unique: true,
  where: `status = 'active'`,
})
export class WebhookSubscription {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: User;

  @Column({ type: 'varchar', length: 64 })
  eventType: WebhookEventType;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 128 })
  secret: string;

  /** `cancelled` once the receiver answered 410 Gone. */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: WebhookSubscriptionStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;
}
