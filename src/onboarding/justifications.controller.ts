import {
  Body,
  Controller,
  Delete,
  Get,
  Head,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UploadedFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, StaffOnly } from '../common/auth/auth.decorators.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { drfWindow, mapPage, type Page } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { DocumentUpload } from '../common/storage/document-upload.decorator.js';
import { requireUpload } from '../common/storage/file-storage.service.js';
import {
  CreateJustificationByUuidDto,
  CreateJustificationDto,
  JustificationsQuery,
  ReviewJustificationDto,
  UpdateJustificationDto,
} from './dto/justification-requests.dto.js';
import { JustificationDocumentDto, JustificationDto } from './dto/justification.dto.js';
import { JustificationsService } from './justifications.service.js';
import type { JustificationView } from './onboarding.views.js';

const NOT_FOUND = { description: 'Unknown, or not visible to the caller.' };
const UUID_PARAM = { name: 'uuid', description: 'Hex uuid (hyphenated also accepted)' };
const CREATE_ERRORS =
  '400 on the verification field: unknown ("Verification not found"), not failed or escalated ' +
  '("Can only justify failed or escalated verifications"), or already awaiting review.';
const NOT_OWN = '`{"error": "You can only justify your own verifications"}`';

@ApiTags('onboarding')
@Controller('api/onboarding-justifications')
export class JustificationsController {
  constructor(private readonly justifications: JustificationsService) {}

  @Head()
  @Paginated()
  @ApiOperation({ summary: 'Count onboarding justifications (`X-Result-Count`)' })
  @ApiOkResponse({ description: 'No body.' })
  count(
    @CurrentUser() caller: Principal,
    @Query() query: JustificationsQuery,
    @BaseUrl() baseUrl: string,
  ): Promise<Page<JustificationDto>> {
    return this.list(caller, query, baseUrl);
  }

  @Get()
  @Paginated()
  @ApiOperation({
    summary: 'List onboarding justifications',
    description:
      'Newest first unless `o` says otherwise. Applicants see their own; staff and support see all. Headers `X-Result-Count` and `Link`.',
  })
  @ApiOkResponse({ type: JustificationDto, isArray: true })
  @ApiBadRequestResponse({ description: 'Invalid paging or filter value.' })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: JustificationsQuery,
    @BaseUrl() baseUrl: string,
  ): Promise<Page<JustificationDto>> {
    const page = await this.justifications.list(caller, query, drfWindow(query));
    return mapPage(page, (view) => present(view, baseUrl));
  }

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a justification (verification by URL or uuid)' })
  @ApiCreatedResponse({ type: JustificationDto })
  @ApiBadRequestResponse({ description: CREATE_ERRORS })
  @ApiForbiddenResponse({ description: NOT_OWN })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const reference = { field: 'verification', value: dto.verification } as const;
    return present(
      await this.justifications.create(caller, reference, dto.user_justification),
      baseUrl,
    );
  }

  @Post('create_justification')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Create justification for failed verification' })
  @ApiOkResponse({ type: JustificationDto })
  @ApiBadRequestResponse({ description: CREATE_ERRORS })
  @ApiForbiddenResponse({ description: NOT_OWN })
  async createJustification(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateJustificationByUuidDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const reference = { field: 'verification_uuid', value: dto.verification_uuid } as const;
    return present(
      await this.justifications.create(caller, reference, dto.user_justification),
      baseUrl,
    );
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Retrieve an onboarding justification' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDto })
  async retrieve(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return present(await this.justifications.get(caller, uuid), baseUrl);
  }

  @Put(':uuid')
  @ApiOperation({ summary: 'Update a justification (owner, while pending)' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDto })
  @ApiBadRequestResponse({ description: CREATE_ERRORS })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  @ApiConflictResponse({ description: 'The justification has been decided.' })
  async replace(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: CreateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return present(await this.update(caller, uuid, dto), baseUrl);
  }

  @Patch(':uuid')
  @Idempotent()
  @ApiOperation({ summary: 'Partially update a justification (owner, while pending)' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDto })
  @ApiBadRequestResponse({ description: CREATE_ERRORS })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  @ApiConflictResponse({ description: 'The justification has been decided.' })
  async partialUpdate(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: UpdateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return present(await this.update(caller, uuid, dto), baseUrl);
  }

  @Delete(':uuid')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a justification (owner while pending, or staff)' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiNoContentResponse({ description: 'Deleted, with its documents.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the owner nor staff.' })
  @ApiConflictResponse({ description: 'The owner cannot delete a decided justification.' })
  async remove(@CurrentUser() caller: Principal, @Param('uuid') uuid: string): Promise<void> {
    await this.justifications.remove(caller, uuid);
  }

  @Post(':uuid/approve')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @StaffOnly()
  @ApiOperation({
    summary: 'Approve justification and mark verification as VERIFIED',
    description: 'Staff only, never on a justification they submitted (four eyes).',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDto })
  @ApiConflictResponse({ description: 'The justification has already been decided.' })
  async approve(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: ReviewJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return present(
      await this.justifications.decide(caller, uuid, 'approved', dto.staff_notes),
      baseUrl,
    );
  }

  @Post(':uuid/reject')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @StaffOnly()
  @ApiOperation({
    summary: 'Reject justification and mark verification as FAILED',
    description: 'Staff only, never on a justification they submitted (four eyes).',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDto })
  @ApiConflictResponse({ description: 'The justification has already been decided.' })
  async reject(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: ReviewJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return present(
      await this.justifications.decide(caller, uuid, 'rejected', dto.staff_notes),
      baseUrl,
    );
  }

  @Post(':uuid/attach_document')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @DocumentUpload()
  @ApiOperation({
    summary: 'Attach supporting document to justification',
    description:
      'Owner or staff, while the justification is pending. PDF, PNG or JPEG by content, at most MAX_UPLOAD_MB.',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: JustificationDocumentDto })
  @ApiBadRequestResponse({ description: 'No file, or an empty one.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the owner nor staff.' })
  @ApiConflictResponse({ description: 'The justification has been decided.' })
  async attachDocument(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDocumentDto> {
    const view = await this.justifications.attachDocument(caller, uuid, requireUpload(file));
    return JustificationDocumentDto.from(view, baseUrl);
  }

  private update(
    caller: Principal,
    uuid: string,
    dto: UpdateJustificationDto,
  ): Promise<JustificationView> {
    return this.justifications.update(caller, uuid, {
      verification: dto.verification,
      userJustification: dto.user_justification,
    });
  }
}

function present(view: JustificationView, baseUrl: string): JustificationDto {
  return JustificationDto.from(view, baseUrl);
}
