import { applyDecorators, Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ConflictError } from '../common/errors/api-error.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { SolarisPageQuery } from '../common/pagination/page.dto.js';
import { mapPage, type Page, solarisWindow } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { ApiTimeRangeQuery } from '../common/validation/time-range.js';
import { CreateTermsDocumentDto, TermsDocumentDto } from './dto/terms-document.dto.js';
import { CreateTermsEventDto, TermsEventDto } from './dto/terms-event.dto.js';
import { TermsEventsQuery } from './dto/terms-events-query.dto.js';
import { TERMS_EVENT_TYPES, TERMS_PRODUCTS } from './terms.constants.js';
import {
  ALREADY_APPROVED,
  TermsService,
  UNKNOWN_DOCUMENT,
  UNKNOWN_SIGNER,
} from './terms.service.js';

/** The seed's filters of the event index, documented one by one as Solaris spells them. */
const ApiEventFilters = () =>
  applyDecorators(
    ApiQuery({
      name: 'filter[id]',
      required: false,
      description: 'Filter the results by id.',
      example: '2b5423a061514901a5a8791f2cb18266',
    }),
    ApiQuery({
      name: 'filter[document_id]',
      required: false,
      description: 'Filter the results by the specific document that was agreed to (document_id).',
      example: '3f31dd950cb6e2b28ac4b31d1b4bb321tcdc',
    }),
    ApiQuery({
      name: 'filter[signed_by]',
      required: false,
      description:
        'Filter the results by the customer who agreed to the Terms & Conditions (using their person_id).',
      example: 'dc1a6812a14f6cc338cd084208535bcdcper',
    }),
    ApiQuery({
      name: 'filter[signed_on_behalf_of]',
      required: false,
      description:
        'Filter the results by the business on whose behalf the authorized person or legal ' +
        'representative agreed to the Terms & Conditions (using its business_id).',
      example: 'ebf7d72aec7ab75006aa164b3e0af893cbiz',
    }),
    ApiQuery({
      name: 'filter[product_name]',
      required: false,
      enum: TERMS_PRODUCTS,
      description: 'Filter the results by the product whose Terms & Conditions were agreed to.',
      example: 'DIGITAL_BANKING',
    }),
    ApiQuery({
      name: 'filter[event_type]',
      required: false,
      enum: TERMS_EVENT_TYPES,
      description: 'Filter the results by the type of Terms & Conditions event.',
      example: 'APPROVED',
    }),
    ApiTimeRangeQuery('event_timestamp', { min: '2020-02-01T00:00:00Z', max: '2020-02-29' }),
  );

@ApiTags('terms-and-conditions')
@Controller('v1')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Post('terms_and_conditions_documents')
  @Idempotent()
  @Endpoint({ summary: 'Register a Terms and Conditions document (staff)', access: 'staff' })
  async createDocument(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateTermsDocumentDto,
  ): Promise<TermsDocumentDto> {
    return TermsDocumentDto.from(await this.terms.createDocument(caller, dto));
  }

  @Get('terms_and_conditions_documents')
  @Paginated(TermsDocumentDto)
  @Endpoint({ summary: 'Index the Terms and Conditions documents, newest first' })
  async listDocuments(@Query() query: SolarisPageQuery): Promise<Page<TermsDocumentDto>> {
    const page = await this.terms.listDocuments(solarisWindow(query));
    return mapPage(page, (document) => TermsDocumentDto.from(document));
  }

  @Post('terms_and_conditions_events')
  @Idempotent()
  @Endpoint({
    summary: 'Create Terms and Conditions event',
    errors: [new ConflictError(ALREADY_APPROVED), UNKNOWN_DOCUMENT(), UNKNOWN_SIGNER()],
  })
  async createEvent(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateTermsEventDto,
  ): Promise<TermsEventDto> {
    return TermsEventDto.from(await this.terms.recordEvent(caller, dto));
  }

  @Get('terms_and_conditions_events')
  @Paginated(TermsEventDto)
  @ApiEventFilters()
  @Endpoint({ summary: 'Index Terms and Conditions events, newest event_timestamp first' })
  async listEvents(
    @CurrentUser() caller: Principal,
    @Query() query: TermsEventsQuery,
  ): Promise<Page<TermsEventDto>> {
    const page = await this.terms.listEvents(caller, query, solarisWindow(query));
    return mapPage(page, (event) => TermsEventDto.from(event));
  }
}
