import { ApiProperty, PickType } from '@nestjs/swagger';
import { EnumField, SolarisText } from '../../common/validation/fields.js';
import type {
  WebhookSubscription,
  WebhookSubscriptionStatus,
} from '../entities/webhook-subscription.entity.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-event-types.js';
import { WEBHOOK } from '../webhooks.models.js';

/** `POST /v1/webhooks`. */
export class CreateWebhookDto {
  @EnumField(WEBHOOK_EVENT_TYPES, { example: 'POSTBOX_ITEM_CREATED' })
  event_type: WebhookEventType;

  @SolarisText({
    example: 'https://partner.example.com/solaris/webhooks',
    description:
      'Receives a verification POST (`Solaris-Webhook-Event-Type: WEBHOOK-SUBSCRIPTION`, empty ' +
      'body) that must be answered 2xx, then every event. http(s), no credentials, public ' +
      'addresses only unless WEBHOOK_ALLOW_PRIVATE_URLS.',
    maxLength: 2048,
  })
  url: string;
}

export class WebhookSubscriptionDto extends PickType(CreateWebhookDto, ['event_type', 'url']) {
  @ApiProperty({ example: WEBHOOK.example })
  id: string;
  /** `CANCELLED` once the receiver answered 410 Gone. */
  @ApiProperty({ enum: ['ACTIVE', 'CANCELLED'], example: 'ACTIVE' })
  status: 'ACTIVE' | 'CANCELLED';
  /** @example "2026-11-21T10:00:00.000Z" */
  created_at: Date;

  static from(subscription: WebhookSubscription): WebhookSubscriptionDto {
    return {
      id: subscription.id,
      event_type: subscription.eventType,
      url: subscription.url,
      status: STATUS[subscription.status],
      created_at: subscription.createdAt,
    };
  }
}

/** The create response: the only time the signing secret is shown. */
export class CreatedWebhookSubscriptionDto extends WebhookSubscriptionDto {
  /**
   * Key of `Solaris-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`; shown once.
   * @example "4f9c2d0b8e7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
   */
  secret: string;

  static withSecret(subscription: WebhookSubscription): CreatedWebhookSubscriptionDto {
    return { ...WebhookSubscriptionDto.from(subscription), secret: subscription.secret };
  }
}

const STATUS: Record<WebhookSubscriptionStatus, 'ACTIVE' | 'CANCELLED'> = {
  active: 'ACTIVE',
  cancelled: 'CANCELLED',
};
