import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { SolarisPageQuery } from '../common/pagination/page.dto.js';
import { mapPage, type Page, solarisWindow } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { WebhookDeliveryDto } from './dto/webhook-delivery.dto.js';
import {
  CreatedWebhookSubscriptionDto,
  CreateWebhookDto,
  WebhookSubscriptionDto,
} from './dto/webhook-subscription.dto.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Subscribe a URL to an event type',
    description:
      'The URL first receives a verification POST (`Solaris-Webhook-Event-Type: ' +
      'WEBHOOK-SUBSCRIPTION`, empty body) and must answer 2xx within the webhook timeout. The ' +
      'response carries the signing `secret`; it is never shown again.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionDto })
  @ApiBadRequestResponse({
    description:
      '`unsafe_webhook_url`: not http(s), credentials in the URL, or a non-public address; ' +
      '`validation_error`: the receiver did not accept the verification request.',
  })
  @ApiConflictResponse({ description: 'The caller already subscribed this URL to this event.' })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateWebhookDto,
  ): Promise<CreatedWebhookSubscriptionDto> {
    return CreatedWebhookSubscriptionDto.withSecret(await this.webhooks.create(caller, dto));
  }

  @Get()
  @Paginated(WebhookSubscriptionDto)
  @ApiOperation({
    summary: "List the caller's subscriptions, newest first (staff and support: all)",
  })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<WebhookSubscriptionDto>> {
    const page = await this.webhooks.list(caller, solarisWindow(query));
    return mapPage(page, (subscription) => WebhookSubscriptionDto.from(subscription));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a subscription (without its secret)' })
  @ApiOkResponse({ type: WebhookSubscriptionDto })
  async retrieve(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
  ): Promise<WebhookSubscriptionDto> {
    return WebhookSubscriptionDto.from(await this.webhooks.get(caller, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a subscription; nothing more is delivered to it' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  async remove(@CurrentUser() caller: Principal, @Param('id') id: string): Promise<void> {
    await this.webhooks.remove(caller, id);
  }

  @Get(':id/deliveries')
  @Paginated(WebhookDeliveryDto)
  @ApiOperation({
    summary: "A subscription's deliveries, newest first, each with every attempt made",
  })
  async deliveries(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
    @Query() query: SolarisPageQuery,
  ): Promise<Page<WebhookDeliveryDto>> {
    const page = await this.webhooks.deliveries(caller, id, solarisWindow(query));
    return mapPage(page, (delivery) => WebhookDeliveryDto.from(delivery));
  }
}
