import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  UploadedFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { type EndpointOptions, Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';
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
import { MODELS, onboardingErrors as errors } from './onboarding.errors.js';
import { OnboardingRecordRoutes } from './onboarding.routes.js';

const VERIFICATION_ERRORS = [
  errors.unknownVerification(),
  errors.notJustifiable(),
  errors.alreadyPending(),
];
const CREATE_ERRORS = [...VERIFICATION_ERRORS, errors.notOwnVerification()];
const CHANGE_ERRORS = [
  ...VERIFICATION_ERRORS,
  errors.notPermitted(),
  errors.justificationDecided(),
];
const REVIEW: Partial<EndpointOptions> = {
  description: 'Staff only, never on a justification they submitted (four eyes).',
  access: 'staff',
  errors: [errors.ownJustification(), errors.alreadyReviewed()],
};

@ApiTags('onboarding')
@Controller('api/onboarding-justifications')
export class JustificationsController extends OnboardingRecordRoutes({
  noun: 'justification',
  model: MODELS.justification,
  query: JustificationsQuery,
  dto: JustificationDto,
  remove: {
    summary: 'Delete a justification (owner while pending, or staff)',
    errors: [errors.notPermitted(), errors.justificationDecided()],
  },
}) {
  constructor(readonly records: JustificationsService) {
    super();
  }

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({
    summary: 'Create a justification (verification by URL or uuid)',
    errors: CREATE_ERRORS,
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const reference = { field: 'verification', value: dto.verification } as const;
    const view = await this.records.create(caller, reference, dto.user_justification);
    return JustificationDto.from(view, baseUrl);
  }

  @Post('create_justification')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: 'Create justification for failed verification', errors: CREATE_ERRORS })
  async createJustification(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateJustificationByUuidDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const reference = { field: 'verification_uuid', value: dto.verification_uuid } as const;
    const view = await this.records.create(caller, reference, dto.user_justification);
    return JustificationDto.from(view, baseUrl);
  }

  @Put(':uuid')
  @Endpoint({ summary: 'Update a justification (owner, while pending)', errors: CHANGE_ERRORS })
  replace(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.justification) id: string,
    @Body() dto: CreateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    return this.partialUpdate(caller, id, dto, baseUrl);
  }

  @Patch(':uuid')
  @Idempotent()
  @Endpoint({
    summary: 'Partially update a justification (owner, while pending)',
    errors: CHANGE_ERRORS,
  })
  async partialUpdate(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.justification) id: string,
    @Body() dto: UpdateJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const changes = { verification: dto.verification, userJustification: dto.user_justification };
    return JustificationDto.from(await this.records.update(caller, id, changes), baseUrl);
  }

  @Post(':uuid/approve')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: 'Approve justification and mark verification as VERIFIED', ...REVIEW })
  async approve(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.justification) id: string,
    @Body() dto: ReviewJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const view = await this.records.decide(caller, id, 'approved', dto.staff_notes);
    return JustificationDto.from(view, baseUrl);
  }

  @Post(':uuid/reject')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({ summary: 'Reject justification and mark verification as FAILED', ...REVIEW })
  async reject(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.justification) id: string,
    @Body() dto: ReviewJustificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDto> {
    const view = await this.records.decide(caller, id, 'rejected', dto.staff_notes);
    return JustificationDto.from(view, baseUrl);
  }

  @Post(':uuid/attach_document')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @DocumentUpload()
  @Endpoint({
    summary: 'Attach supporting document to justification',
    description:
      'Owner or staff, while the justification is pending. PDF, PNG or JPEG by content, at most MAX_UPLOAD_MB.',
    errors: [errors.notPermitted(), errors.justificationDecided()],
  })
  async attachDocument(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.justification) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @BaseUrl() baseUrl: string,
  ): Promise<JustificationDocumentDto> {
    const view = await this.records.attachDocument(caller, id, requireUpload(file));
    return JustificationDocumentDto.from(view, baseUrl);
  }
}
