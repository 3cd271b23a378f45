import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ConflictError, ForbiddenActionError } from '../common/errors/api-error.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { SolarisPageQuery } from '../common/pagination/page.dto.js';
import { mapPage, type Page, solarisWindow } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { SolarisIdParam } from '../common/routes/id-params.js';
import { WebhookDeliveryDto } from './dto/webhook-delivery.dto.js';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookDto,
  WebhookSubscriptionDto,
} from './dto/webhook-subscription.dto.js';
import { WEBHOOK } from './webhooks.models.js';
import {
  ALREADY_SUBSCRIBED,
  NOT_VERIFIED,
  UnsafeWebhookUrlApiError,
  WebhooksService,
} from './webhooks.service.js';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({
    summary: 'Subscribe a URL to an event type',
    description:
      'The URL first receives a verification POST (`Solaris-Webhook-Event-Type: ' +
      'WEBHOOK-SUBSCRIPTION`, empty body) and must answer 2xx within the webhook timeout. The ' +
      'response carries the signing `secret`; it is never shown again.',
    errors: [
      new UnsafeWebhookUrlApiError('resolves to a non-public address (10.0.0.1)'),
      NOT_VERIFIED('it answered 500'),
      new ConflictError(ALREADY_SUBSCRIBED),
    ],
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookSubscriptionDto> {
    return CreatedWebhookSubscriptionDto.withSecret(await this.webhooks.create(caller, dto));
  }

  @Get()
  @Paginated(WebhookSubscriptionDto)
  @Endpoint({ summary: "List the caller's subscriptions, newest first (staff and support: all)" })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<WebhookSubscriptionDto>> {
    const page = await this.webhooks.list(caller, solarisWindow(query));
    return mapPage(page, (subscription) => WebhookSubscriptionDto.from(subscription));
  }

  @Get(':id')
  @Endpoint({ summary: 'Retrieve a subscription (without its secret)' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', WEBHOOK) id: string,
  ): Promise<WebhookSubscriptionDto> {
    return WebhookSubscriptionDto.from(await this.webhooks.get(caller, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Endpoint({
    summary: 'Delete a subscription; nothing more is delivered to it',
    errors: [new ForbiddenActionError()],
  })
  async remove(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', WEBHOOK) id: string,
  ): Promise<void> {
    await this.webhooks.remove(caller, id);
  }

  @Get(':id/deliveries')
  @Paginated(WebhookDeliveryDto)
  @Endpoint({
    summary: "A subscription's deliveries, newest first, each with every attempt made",
  })
  async deliveries(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('id', WEBHOOK) id: string,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<WebhookDeliveryDto>> {
    const page = await this.webhooks.deliveries(caller, id, solarisWindow(query));
    return mapPage(page, (delivery) => WebhookDeliveryDto.from(delivery));
  }
}
