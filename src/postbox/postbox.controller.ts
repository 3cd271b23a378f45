import {
  applyDecorators,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { mapPage, type Page, solarisWindow } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { SolarisIdParam } from '../common/routes/id-params.js';
import { FileStorage, requireUpload } from '../common/storage/file-storage.service.js';
import { ConfirmationDto, CreateConfirmationDto } from './dto/confirmation.dto.js';
import {
  CreatePostboxItemDto,
  ITEM_IDEMPOTENCY_KEY,
  UploadPostboxItemDto,
} from './dto/create-postbox-item.dto.js';
import { CreatePostboxDocumentDto, PostboxDocumentIdDto } from './dto/postbox-document.dto.js';
import { PostboxItemDto } from './dto/postbox-item.dto.js';
import { ConfirmationsQuery, PostboxItemsQuery } from './dto/postbox-queries.dto.js';
import type { PostboxOwnerType } from './entities/postbox-item.entity.js';
import { POSTBOX_DOCUMENT_TYPES } from './postbox-document-types.js';
import { BUSINESS, PERSON } from '../persons/customer.models.js';
import { POSTBOX_CONFIRMATION, POSTBOX_ITEM } from './postbox.models.js';
import { PostboxService } from './postbox.service.js';
import { PostboxUpload } from './postbox-upload.decorator.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { ApiTimeRangeQuery } from '../common/validation/time-range.js';

const ApiCreatedAtFilter = () =>
  ApiTimeRangeQuery('created_at', { min: '2019-08-24T14:15:22Z', max: '2019-08-24T14:15:22Z' });

const ApiItemFilters = () =>
  applyDecorators(
    ApiQuery({
      name: 'filter[document_type]',
      required: false,
      description: `Comma-separated document types: ${POSTBOX_DOCUMENT_TYPES.join(', ')}`,
      example: 'ACCOUNT_STATEMENT',
    }),
    ApiCreatedAtFilter(),
  );

@ApiTags('postbox')
@Controller('v1')
export class PostboxController {
  constructor(
    private readonly postbox: PostboxService,
    private readonly storage: FileStorage,
  ) {}

  @Post('postbox/documents')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: '(Sandbox only) Generate a PDF document, signed on request, for Postbox items',
    sandboxOnly: true,
  })
  async generateDocument(
    @CurrentUser() caller: Principal,
    @Body() dto: CreatePostboxDocumentDto,
  ): Promise<PostboxDocumentIdDto> {
    const document = await this.postbox.generateDocument(caller, dto);
    return { id: document.id };
  }

  @Post('persons/:person_id/postbox/items')
  @Idempotent({ bodyKey: ITEM_IDEMPOTENCY_KEY })
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: '(Sandbox only) Create a Postbox item for a person', sandboxOnly: true })
  createPersonItem(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('person_id', PERSON) personId: string,
    @Body() dto: CreatePostboxItemDto,
  ): Promise<PostboxItemDto> {
    return this.createItem(caller, 'Person', personId, dto);
  }

  @Post('businesses/:business_id/postbox/items')
  @Idempotent({ bodyKey: ITEM_IDEMPOTENCY_KEY })
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: '(Sandbox only) Create a Postbox item for a business', sandboxOnly: true })
  createBusinessItem(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('business_id', BUSINESS) businessId: string,
    @Body() dto: CreatePostboxItemDto,
  ): Promise<PostboxItemDto> {
    return this.createItem(caller, 'Business', businessId, dto);
  }

  @Post('persons/:person_id/postbox')
  @PostboxUpload()
  @Endpoint({
    summary: 'Upload a document as a Postbox item for a person (partners: sandbox only; staff)',
  })
  uploadPersonItem(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('person_id', PERSON) personId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadPostboxItemDto,
  ): Promise<PostboxItemDto> {
    return this.uploadItem(caller, 'Person', personId, file, dto);
  }

  @Post('businesses/:business_id/postbox')
  @PostboxUpload()
  @Endpoint({
    summary: 'Upload a document as a Postbox item for a business (partners: sandbox only; staff)',
  })
  uploadBusinessItem(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('business_id', BUSINESS) businessId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() dto: UploadPostboxItemDto,
  ): Promise<PostboxItemDto> {
    return this.uploadItem(caller, 'Business', businessId, file, dto);
  }

  @Get('persons/:person_id/postbox/items')
  @Paginated(PostboxItemDto)
  @ApiItemFilters()
  @Endpoint({ summary: "Index a person's Postbox items, newest first" })
  listPersonItems(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('person_id', PERSON) personId: string,
    @Query() query: PostboxItemsQuery,
  ): Promise<Page<PostboxItemDto>> {
    return this.listItems(caller, 'Person', personId, query);
  }

  @Get('businesses/:business_id/postbox/items')
  @Paginated(PostboxItemDto)
  @ApiItemFilters()
  @Endpoint({ summary: "Index a business's Postbox items, newest first" })
  listBusinessItems(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('business_id', BUSINESS) businessId: string,
    @Query() query: PostboxItemsQuery,
  ): Promise<Page<PostboxItemDto>> {
    return this.listItems(caller, 'Business', businessId, query);
  }

  @Get('postbox/items/:item_id')
  @Endpoint({ summary: 'Retrieve a Postbox item' })
  async retrieveItem(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('item_id', POSTBOX_ITEM) itemId: string,
  ): Promise<PostboxItemDto> {
    return PostboxItemDto.from(await this.postbox.getItem(caller, itemId));
  }

  @Get('postbox/items/:item_id/document')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({
    description: 'The exact stored bytes (PDF for generated documents).',
    schema: { type: 'string', format: 'binary' },
  })
  @Endpoint({
    summary:
      "Download a Postbox item's document (the owning partner's first download marks it read)",
  })
  async downloadDocument(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('item_id', POSTBOX_ITEM) itemId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { item, file } = await this.postbox.document(caller, itemId);
    const extension = file.contentType.split('/')[1];
    return this.storage.download(response, file, `${item.id}.${extension}`);
  }

  @Post('postbox/items/:item_id/confirmations')
  @Idempotent({ bodyKey: ITEM_IDEMPOTENCY_KEY })
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: 'Create a confirmation for a Postbox item' })
  async confirm(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('item_id', POSTBOX_ITEM) itemId: string,
    @Body() dto: CreateConfirmationDto,
  ): Promise<ConfirmationDto> {
    return ConfirmationDto.from(await this.postbox.confirm(caller, itemId, dto));
  }

  @Get('postbox/items/:item_id/confirmations')
  @Paginated(ConfirmationDto)
  @ApiCreatedAtFilter()
  @Endpoint({ summary: "Index a Postbox item's confirmations, newest first" })
  async listConfirmations(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('item_id', POSTBOX_ITEM) itemId: string,
    @Query() query: ConfirmationsQuery,
  ): Promise<Page<ConfirmationDto>> {
    const page = await this.postbox.listConfirmations(caller, itemId, query, solarisWindow(query));
    return mapPage(page, (confirmation) => ConfirmationDto.from(confirmation));
  }

  @Get('postbox/items/:item_id/confirmations/:confirmation_id')
  @Endpoint({ summary: 'Retrieve a confirmation' })
  async retrieveConfirmation(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('item_id', POSTBOX_ITEM) itemId: string,
    @SolarisIdParam('confirmation_id', POSTBOX_CONFIRMATION) confirmationId: string,
  ): Promise<ConfirmationDto> {
    return ConfirmationDto.from(await this.postbox.getConfirmation(caller, itemId, confirmationId));
  }

  private async createItem(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    dto: CreatePostboxItemDto,
  ): Promise<PostboxItemDto> {
    return PostboxItemDto.from(await this.postbox.createItem(caller, ownerType, ownerId, dto));
  }

  private async uploadItem(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    file: Express.Multer.File | undefined,
    dto: UploadPostboxItemDto,
  ): Promise<PostboxItemDto> {
    const upload = requireUpload(file);
    return PostboxItemDto.from(
      await this.postbox.uploadItem(caller, ownerType, ownerId, dto, upload),
    );
  }

  private async listItems(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    query: PostboxItemsQuery,
  ): Promise<Page<PostboxItemDto>> {
    const page = await this.postbox.listItems(
      caller,
      ownerType,
      ownerId,
      query,
      solarisWindow(query),
    );
    return mapPage(page, (item) => PostboxItemDto.from(item));
  }
}
