import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAttempt } from './entities/webhook-attempt.entity.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import { WebhookEvent } from './entities/webhook-event.entity.js';
import { WebhookSubscription } from './entities/webhook-subscription.entity.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhookOutbox } from './webhook-outbox.js';
import { WebhookQueue } from './webhook-queue.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Solaris-style webhooks: subscriptions, the outbox features publish to inside their
 * transactions, and delivery through the pg-boss queue. Features that publish import this module
 * (it imports none of them).
 */
@Module({
  imports: [
    IdempotencyModule,
    SchedulingModule,
    TypeOrmModule.forFeature([WebhookSubscription, WebhookEvent, WebhookDelivery, WebhookAttempt]),
  ],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookOutbox, WebhookQueue, WebhookSender, WebhookDeliverer],
  exports: [WebhookOutbox, WebhookQueue],
})
export class WebhooksModule {}
