import { randomUUID } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { toHexUuid } from '../common/ids/ids.js';
import { Transactions } from '../database/transactions.js';
import { WebhookAttempt } from './entities/webhook-attempt.entity.js';
import type { WebhookDeliveryStatus } from './entities/webhook-delivery.entity.js';
import { retryDelayMs } from './webhook-backoff.js';
import { type SendResult, WebhookSender } from './webhook-sender.js';
import { WebhookQueue } from './webhook-queue.js';

interface ClaimedAttempt {
  attempt: number;
  attemptRowId: string;
  subscriptionId: string;
  url: string;
  secret: string;
  eventType: string;
  entityId: string;
  body: string;
}

/** What a receiver's answer means, in Solaris terms. */
function outcomeOf(result: SendResult): 'delivered' | 'gone' | 'rejected' | 'retry' {
  const status = result.statusCode;
  if (status !== null && status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  if (status === 422) return 'rejected';
  return 'retry';
}

/**
 * Makes one attempt of a delivery per queue job: claims it (only the job in charge may, and only
 * while the delivery is pending and its subscription active), records the attempt, sends it
 * outside any transaction, then records the outcome and, on failure, schedules the next attempt
 * as a new job in the same transaction.
 */
@Injectable()
export class WebhookDeliverer implements OnApplicationBootstrap {
  private readonly settings: AppConfig['webhooks'];

  constructor(
    config: AppConfig,
    private readonly transactions: Transactions,
    private readonly queue: WebhookQueue,
    private readonly sender: WebhookSender,
  ) {
    this.settings = config.webhooks;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work((deliveryId, jobId) => this.attempt(deliveryId, jobId));
  }

  async attempt(deliveryId: string, jobId: string): Promise<void> {
    const claimed = await this.claim(deliveryId, jobId);
    if (!claimed) return;
    const result = await this.sender.send({
      url: claimed.url,
      secret: claimed.secret,
      body: claimed.body,
      headers: {
        'Solaris-Webhook-Event-Type': claimed.eventType,
        'Solaris-Webhook-Id': toHexUuid(deliveryId),
        'Solaris-Webhook-Subscription-Id': claimed.subscriptionId,
        'Solaris-Entity-Id': claimed.entityId,
        'Solaris-Webhook-Attempt': String(claimed.attempt),
      },
    });
    await this.record(deliveryId, claimed, result);
  }

  /** One statement, so one round trip: the claim and the attempt's row commit together. */
  private async claim(deliveryId: string, jobId: string): Promise<ClaimedAttempt | undefined> {
    const rows = await this.transactions.manager.query<ClaimedAttempt[]>(
      `WITH claimed AS (
         UPDATE webhook_deliveries d
            SET attempt_count = d.attempt_count + 1, next_attempt_at = NULL
           FROM webhook_subscriptions s, webhook_events e
          WHERE d.id = $1 AND d.job_id = $2 AND d.status = 'pending'
            AND s.id = d.subscription_id AND s.status = 'active' AND e.id = d.event_id
      RETURNING d.id, d.attempt_count, s.id AS subscription_id, s.url, s.secret,
                e.event_type, e.entity_id, e.body
       ), attempt AS (
         INSERT INTO webhook_attempts (delivery_id, attempt, started_at)
         SELECT id, attempt_count, now() FROM claimed
      RETURNING id
       )
       SELECT claimed.attempt_count AS attempt, attempt.id::text AS "attemptRowId",
              claimed.subscription_id AS "subscriptionId", claimed.url, claimed.secret,
              claimed.event_type AS "eventType", claimed.entity_id AS "entityId", claimed.body
         FROM claimed, attempt`,
      [deliveryId, jobId],
    );
    return rows[0];
  }

  private async record(
    deliveryId: string,
    claimed: ClaimedAttempt,
    result: SendResult,
  ): Promise<void> {
    const outcome = outcomeOf(result);
    if (outcome === 'delivered') {
      // The common case in one statement (one round trip, atomic like a transaction).
      await this.transactions.manager.query(
        `WITH finished AS (
           UPDATE webhook_attempts
              SET finished_at = now(), duration_ms = $3, status_code = $4
            WHERE id = $2
         )
         UPDATE webhook_deliveries SET status = 'delivered', completed_at = now() WHERE id = $1`,
        [deliveryId, claimed.attemptRowId, result.durationMs, result.statusCode],
      );
      return;
    }
    await this.transactions.run(async (tx) => {
      await tx.update(
        WebhookAttempt,
        { id: claimed.attemptRowId },
        {
          finishedAt: () => 'now()',
          durationMs: result.durationMs,
          statusCode: result.statusCode,
          error: result.error,
        },
      );
      if (outcome === 'retry' && claimed.attempt < this.settings.maxAttempts) {
        const delayMs = retryDelayMs(claimed.attempt + 1, this.settings.retryBaseMs);
        const jobId = randomUUID();
        await tx.query(
          `UPDATE webhook_deliveries
              SET job_id = $2, next_attempt_at = now() + $3 * interval '1 millisecond'
            WHERE id = $1`,
          [deliveryId, jobId, delayMs],
        );
        await this.queue.enqueue([{ jobId, deliveryId, afterMs: delayMs }], tx);
        this.queue.wakeAfter(delayMs);
        return;
      }
      const status: WebhookDeliveryStatus =
        outcome === 'gone' ? 'cancelled' : outcome === 'rejected' ? 'rejected' : 'failed';
      await tx.query(
        `UPDATE webhook_deliveries SET status = $2, completed_at = now() WHERE id = $1`,
        [deliveryId, status],
      );
      if (outcome === 'gone') {
        // The receiver asked never to be called again: the subscription and all it still owes end.
        await tx.query(
          `UPDATE webhook_subscriptions SET status = 'cancelled', cancelled_at = now()
            WHERE id = $1 AND status = 'active'`,
          [claimed.subscriptionId],
        );
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'cancelled', completed_at = now(),
                  next_attempt_at = NULL
            WHERE subscription_id = $1 AND status = 'pending'`,
          [claimed.subscriptionId],
        );
      }
    });
  }
}
