import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookEvent } from './entities/webhook-event.entity.js';
import type { WebhookEventType } from './webhook-event-types.js';
import { DELIVERY_CHANNEL, WebhookQueue } from './webhook-queue.js';

export interface OutboxEvent {
  eventType: WebhookEventType;
  /** Sent as `Solaris-Entity-Id`: the person, business or object the event is about. */
  entityId: string;
  /** The user owning that entity; its subscriptions (and staff's) receive the event. */
  ownerId: string;
  /** The JSON body, e.g. the response DTO of the created object; `{}` for none. */
  body: object;
}

/**
 * How a feature announces a change to webhook subscribers: call `publish` inside the transaction
 * that makes the change. The event, one delivery per matching subscription and their queue jobs
 * are written in that transaction, so a rollback sends nothing and a commit cannot lose them.
 */
@Injectable()
export class WebhookOutbox {
  constructor(
    private readonly transactions: Transactions,
    private readonly queue: WebhookQueue,
  ) {}

  async publish(event: OutboxEvent): Promise<void> {
    const tx = this.transactions.joined('WebhookOutbox.publish');
    const subscriptions = await tx.query<{ id: string }[]>(
      `SELECT s.id FROM webhook_subscriptions s JOIN users u ON u.id = s.partner_id
        WHERE s.event_type = $1 AND s.status = 'active' AND (s.partner_id = $2 OR u.is_staff)`,
      [event.eventType, event.ownerId],
    );
    if (subscriptions.length === 0) return;
    const eventId = randomUUID();
    await tx.insert(WebhookEvent, {
      id: eventId,
      eventType: event.eventType,
      entityId: event.entityId,
      body: JSON.stringify(event.body),
    });
    const deliveries = subscriptions.map((subscription) => ({
      id: randomUUID(),
      eventId,
      subscriptionId: subscription.id,
      jobId: randomUUID(),
    }));
    await tx.insert(WebhookDelivery, deliveries);
    await this.queue.enqueue(
      deliveries.map((delivery) => ({ jobId: delivery.jobId, deliveryId: delivery.id })),
      tx,
    );
    await tx.query('SELECT pg_notify($1, $2)', [DELIVERY_CHANNEL, eventId]);
  }
}
