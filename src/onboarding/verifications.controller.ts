import {
  Body,
  Controller,
  Get,
  Head,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';
import { VerificationChecklistsService } from './checklists/verification-checklists.service.js';
import {
  AvailableChecklistsDto,
  ChecklistCompletionDto,
  ChecklistResponseDto,
  ChecklistTemplateDto,
} from './dto/checklist.dto.js';
import { CustomerDto } from './dto/customer.dto.js';
import {
  AnswerSubmitDto,
  AvailableChecklistsQuery,
  ChecklistQuery,
  ChecklistTemplateQuery,
  CompletionStatusQuery,
  parseAnswers,
  RecordResultDto,
  RunValidationDto,
  StartVerificationDto,
  UpdateVerificationDto,
  VerificationsQuery,
} from './dto/verification-requests.dto.js';
import { VerificationDto } from './dto/verification.dto.js';
import { CustomersService } from './customers.service.js';
import { MODELS, onboardingErrors as errors } from './onboarding.errors.js';
import { OnboardingRecordRoutes } from './onboarding.routes.js';
import { VerificationsService } from './verifications.service.js';

const TEMPLATE_ERRORS = [
  errors.checklistNotConfigured('No checklist configured for new objects'),
  errors.parentNotFound(),
];
const CHANGE_ERRORS = [errors.notPermitted(), errors.verificationSettled()];

@ApiTags('onboarding')
@Controller('api/onboarding-verifications')
export class VerificationsController extends OnboardingRecordRoutes({
  noun: 'verification',
  model: MODELS.verification,
  query: VerificationsQuery,
  dto: VerificationDto,
  remove: {
    summary: 'Delete a verification (owner or staff), with its justifications and documents',
    errors: [errors.notPermitted()],
  },
}) {
  constructor(
    readonly records: VerificationsService,
    private readonly checklists: VerificationChecklistsService,
    private readonly customers: CustomersService,
  ) {
    super();
  }

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({
    summary: 'Create a verification for manual review',
    description: 'The caller is its applicant; it starts `escalated`, as without a method.',
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return VerificationDto.from(await this.records.create(caller, dto), baseUrl);
  }

  @Post('start_verification')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Start a company verification',
    description:
      '`pending` when an automated `validation_method` is given (run_validation/ checks it), ' +
      'else `escalated` for manual review. Expires after VERIFICATION_EXPIRY_HOURS.',
  })
  async start(
    @CurrentUser() caller: Principal,
    @Body() dto: StartVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return VerificationDto.from(await this.records.start(caller, dto), baseUrl);
  }

  @Head('available_checklists')
  @Endpoint({
    summary: 'Check the onboarding checklists preview (headers only)',
    answers: 'headers',
  })
  availableChecklistsHead(@Query() query: AvailableChecklistsQuery): AvailableChecklistsDto {
    return this.availableChecklists(query);
  }

  @Get('available_checklists')
  @Endpoint({
    summary: 'Preview the onboarding checklists (customer and intent)',
    description: 'Their questions with the customer or intent field each answer maps to.',
  })
  availableChecklists(@Query() query: AvailableChecklistsQuery): AvailableChecklistsDto {
    return this.checklists.available(query.checklist_type ?? 'all');
  }

  @Head('checklist-template')
  @Endpoint({
    summary: 'Check the checklist template of a new verification (headers only)',
    errors: TEMPLATE_ERRORS,
    answers: 'headers',
  })
  checklistTemplateHead(
    @CurrentUser() caller: Principal,
    @Query() query: ChecklistTemplateQuery,
  ): Promise<ChecklistTemplateDto> {
    return this.checklistTemplate(caller, query);
  }

  @Get('checklist-template')
  @Endpoint({
    summary: 'Checklist template of a new verification',
    description:
      'The intent checklist every new verification of the user `parent_uuid` (the caller, or any user for staff and support) is asked first.',
    errors: TEMPLATE_ERRORS,
  })
  checklistTemplate(
    @CurrentUser() caller: Principal,
    @Query() query: ChecklistTemplateQuery,
  ): Promise<ChecklistTemplateDto> {
    return this.checklists.template(caller, query.parent_uuid);
  }

  @Put(':uuid')
  @Endpoint({
    summary: 'Update a verification (owner, while pending or escalated)',
    errors: CHANGE_ERRORS,
  })
  replace(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return this.update(caller, id, dto, baseUrl);
  }

  @Patch(':uuid')
  @Idempotent()
  @Endpoint({
    summary: 'Partially update a verification (owner, while pending or escalated)',
    errors: CHANGE_ERRORS,
  })
  async update(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return VerificationDto.from(await this.records.update(caller, id, dto), baseUrl);
  }

  @Post(':uuid/run_validation')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Run the automatic registry check (owner)',
    description:
      'Asks the registry of the verification’s `validation_method`: `verified`, or `escalated` with its error code. Checklist answers are not used.',
    errors: [errors.noValidationMethod(), errors.notPermitted(), errors.notValidatable()],
  })
  async runValidation(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Body() dto: RunValidationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return VerificationDto.from(await this.records.runValidation(caller, id, dto), baseUrl);
  }

  @Get(':uuid/checklist')
  @Endpoint({
    summary: 'A checklist of the verification with the applicant’s answers',
    errors: [errors.checklistNotConfigured()],
  })
  checklist(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Query() query: ChecklistQuery,
  ): Promise<ChecklistResponseDto> {
    return this.checklists.checklist(caller, id, query.checklist_type ?? 'intent');
  }

  @Get(':uuid/completion_status')
  @Endpoint({
    summary: 'How far a checklist of the verification is answered',
    errors: [errors.checklistNotConfigured()],
  })
  completionStatus(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Query() query: CompletionStatusQuery,
  ): Promise<ChecklistCompletionDto> {
    return this.checklists.completionStatus(caller, id, query.checklist_type ?? 'intent');
  }

  @Post(':uuid/submit_answers')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Answer checklist questions (owner)',
    description:
      'Each question is found in the customer or the intent checklist; `answer_data: null` removes an answer.',
    arrayBody: AnswerSubmitDto,
    errors: [errors.unfitAnswer(), errors.notPermitted()],
  })
  async submitAnswers(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Body() body: unknown,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    const view = await this.checklists.submitAnswers(caller, id, parseAnswers(body));
    return VerificationDto.from(view, baseUrl);
  }

  @Post(':uuid/create_customer')
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({
    summary: 'Create the customer of a verified verification (owner or staff)',
    description: 'The applicant becomes its owner.',
    errors: [errors.cannotCreateCustomer(), errors.notPermitted()],
  })
  async createCustomer(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @BaseUrl() baseUrl: string,
  ): Promise<CustomerDto> {
    return CustomerDto.from(await this.customers.createFrom(caller, id), baseUrl);
  }

  @Post(':uuid/record_result')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Record the result of an automated registry check (staff)',
    description: 'For a pending or escalated verification; sets `validated_at`.',
    access: 'staff',
    errors: [errors.notRecordable()],
  })
  async recordResult(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.verification) id: string,
    @Body() dto: RecordResultDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return VerificationDto.from(await this.records.recordResult(caller, id, dto), baseUrl);
  }
}
