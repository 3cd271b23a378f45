import { ApiProperty } from '@nestjs/swagger';
import { toHexUuid } from '../../common/ids/ids.js';
import type { WebhookAttempt } from '../entities/webhook-attempt.entity.js';
import type { WebhookDeliveryStatus } from '../entities/webhook-delivery.entity.js';
import type { DeliveryView } from '../webhooks.service.js';

export class WebhookAttemptDto {
  /** The `Solaris-Webhook-Attempt` sent. @example 1 */
  attempt: number;
  /** @example "2026-11-21T10:00:00.120Z" */
  started_at: Date;
  /** Null while in flight, or when the instance stopped during the attempt. */
  @ApiProperty({ type: Date, nullable: true, example: '2026-11-21T10:00:00.180Z' })
  finished_at: Date | null;
  @ApiProperty({ type: Number, nullable: true, example: 60 })
  duration_ms: number | null;
  /** The receiver's HTTP status; null when none came. */
  @ApiProperty({ type: Number, nullable: true, example: 503 })
  status_code: number | null;
  /** Why no status came (timeout, connection refused, unsafe address). */
  @ApiProperty({ type: String, nullable: true, example: null })
  error: string | null;

  static from(attempt: WebhookAttempt): WebhookAttemptDto {
    return {
      attempt: attempt.attempt,
      started_at: attempt.startedAt,
      finished_at: attempt.finishedAt,
      duration_ms: attempt.durationMs,
      status_code: attempt.statusCode,
      error: attempt.error,
    };
  }
}

const STATUSES = ['PENDING', 'DELIVERED', 'REJECTED', 'FAILED', 'CANCELLED'] as const;

export class WebhookDeliveryDto {
  /** The `Solaris-Webhook-Id`, the same on every attempt. @example "0c5b1f9e6d8a4b3c9e7f2a1d0b4c6e8f" */
  id: string;
  /** @example "POSTBOX_ITEM_CREATED" */
  event_type: string;
  /** The `Solaris-Entity-Id`. @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  entity_id: string;
  /**
   * PENDING (attempts go on), DELIVERED (2xx), REJECTED (422, not retried), FAILED (every attempt
   * failed) or CANCELLED (410: the subscription was cancelled).
   */
  @ApiProperty({ enum: STATUSES, example: 'DELIVERED' })
  status: (typeof STATUSES)[number];
  /** @example "2026-11-21T10:00:00.100Z" */
  created_at: Date;
  @ApiProperty({ type: Date, nullable: true, example: null })
  next_attempt_at: Date | null;
  @ApiProperty({ type: Date, nullable: true, example: '2026-11-21T10:00:00.180Z' })
  completed_at: Date | null;
  /** Oldest first. */
  @ApiProperty({ type: [WebhookAttemptDto] })
  attempts: WebhookAttemptDto[];

  static from({ delivery, event, attempts }: DeliveryView): WebhookDeliveryDto {
    return {
      id: toHexUuid(delivery.id),
      event_type: event.eventType,
      entity_id: event.entityId,
      status: delivery.status.toUpperCase() as Uppercase<WebhookDeliveryStatus>,
      created_at: delivery.createdAt,
      next_attempt_at: delivery.nextAttemptAt,
      completed_at: delivery.completedAt,
      attempts: attempts.map((attempt) => WebhookAttemptDto.from(attempt)),
    };
  }
}
