import { randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ApiError,
  ConflictError,
  ForbiddenActionError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { newSolarisId } from '../common/ids/ids.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import type { CreateWebhookDto } from './dto/webhook-subscription.dto.js';
import { WebhookAttempt } from './entities/webhook-attempt.entity.js';
import { WebhookDelivery } from './entities/webhook-delivery.entity.js';
import type { WebhookEvent } from './entities/webhook-event.entity.js';
import { WebhookSubscription } from './entities/webhook-subscription.entity.js';
import { SUBSCRIPTION_VERIFICATION_EVENT } from './webhook-event-types.js';
import { WebhookSender } from './webhook-sender.js';
import { UnsafeWebhookUrlError } from './url-safety.js';
import { WEBHOOK } from './webhooks.models.js';

export const ALREADY_SUBSCRIBED = 'A subscription for this event type and url already exists.';

/** The receiver did not answer the verification request with 2xx: `why` says what it did. */
export const NOT_VERIFIED = (why: string | null) =>
  ValidationFailedError.field(
    'url',
    `did not accept the verification request (${why}); it must answer 2xx`,
  );

/** 400 `unsafe_webhook_url` on `url`. */
export class UnsafeWebhookUrlApiError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'unsafe_webhook_url', `url ${message}`, [
      { field: 'url', message },
    ]);
  }
}

/** A delivery with what its listing shows: the event and every attempt, oldest first. */
export interface DeliveryView {
  delivery: WebhookDelivery;
  event: WebhookEvent;
  attempts: WebhookAttempt[];
}

const NEWEST_FIRST = { createdAt: 'DESC', id: 'ASC' } as const;

/** Partners' webhook subscriptions and what was delivered to them. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sender: WebhookSender,
  ) {}

  private get subscriptions() {
    return this.transactions.manager.getRepository(WebhookSubscription);
  }

  /**
   * Checks the URL, then asks the receiver to accept the subscription (Solaris's verification
   * POST) before anything is stored: a receiver that does not answer 2xx in time is refused.
   */
  async create(caller: Principal, dto: CreateWebhookDto): Promise<WebhookSubscription> {
    try {
      await this.sender.assertDeliverable(dto.url);
    } catch (error) {
      if (error instanceof UnsafeWebhookUrlError) throw new UnsafeWebhookUrlApiError(error.message);
      throw error;
    }
    const subscription = this.subscriptions.create({
      id: newSolarisId(WEBHOOK),
      partnerId: caller.id,
      eventType: dto.event_type,
      url: dto.url,
      secret: randomBytes(32).toString('hex'),
      status: 'active',
    });
    const verification = await this.sender.send({
      url: subscription.url,
      secret: subscription.secret,
      body: '',
      headers: {
        'Solaris-Webhook-Event-Type': SUBSCRIPTION_VERIFICATION_EVENT,
        'Solaris-Webhook-Subscription-Id': subscription.id,
      },
    });
    if (verification.unsafe !== null) throw new UnsafeWebhookUrlApiError(verification.unsafe);
    const status = verification.statusCode;
    if (status === null || status < 200 || status >= 300) {
      const why = status === null ? verification.error : `it answered ${status}`;
      throw NOT_VERIFIED(why);
    }
    return this.transactions.run(async (tx) => {
      const duplicate = await tx.getRepository(WebhookSubscription).existsBy({
        partnerId: caller.id,
        eventType: dto.event_type,
        url: dto.url,
        status: 'active',
      });
      if (duplicate) {
        throw new ConflictError(ALREADY_SUBSCRIBED);
      }
      return tx.getRepository(WebhookSubscription).save(subscription);
    });
  }

  async list(caller: Principal, window: PageWindow): Promise<Page<WebhookSubscription>> {
    const [items, total] = await this.subscriptions.findAndCount({
      where: canReadAll(caller) ? {} : { partnerId: caller.id },
      order: NEWEST_FIRST,
      skip: window.skip,
      take: window.take,
    });
    return pageOf(items, total, window);
  }

  get(caller: Principal, id: string): Promise<WebhookSubscription> {
    return this.subscription(caller, id);
  }

  /** Removes the subscription with its deliveries; jobs still queued for it find nothing to do. */
  async remove(caller: Principal, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const subscription = await this.subscription(caller, id);
      if (subscription.partnerId !== caller.id && !caller.isStaff) {
        throw new ForbiddenActionError();
      }
      await tx.delete(WebhookSubscription, { id: subscription.id });
    });
  }

  /** The subscription's deliveries, newest first, each with all its attempts. */
  async deliveries(caller: Principal, id: string, window: PageWindow): Promise<Page<DeliveryView>> {
    const subscription = await this.subscription(caller, id);
    const manager = this.transactions.manager;
    const [deliveries, total] = await manager.findAndCount(WebhookDelivery, {
      where: { subscriptionId: subscription.id },
      relations: { event: true },
      order: NEWEST_FIRST,
      skip: window.skip,
      take: window.take,
    });
    const attempts =
      deliveries.length === 0
        ? []
        : await manager.find(WebhookAttempt, {
            where: { deliveryId: In(deliveries.map((delivery) => delivery.id)) },
            order: { attempt: 'ASC' },
          });
    const views = deliveries.map((delivery) => ({
      delivery,
      event: delivery.event!,
      attempts: attempts.filter((attempt) => attempt.deliveryId === delivery.id),
    }));
    return pageOf(views, total, window);
  }

  /** The caller's subscription (staff and support: anyone's); 404 as if absent otherwise. */
  private async subscription(caller: Principal, id: string): Promise<WebhookSubscription> {
    const found = await this.subscriptions.findOneBy({ id });
    if (!found || (found.partnerId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError(WEBHOOK.name, id);
    }
    return found;
  }
}
