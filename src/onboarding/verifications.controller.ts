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
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
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
import type { VerificationView } from './onboarding.views.js';
import { VerificationsService } from './verifications.service.js';

const NOT_FOUND = { description: 'Unknown, or not visible to the caller.' };
const UUID_PARAM = { name: 'uuid', description: 'Hex uuid (hyphenated also accepted)' };
const NOT_CONFIGURED = { description: '`{"detail": …}`: no such checklist is configured.' };

@ApiTags('onboarding')
@Controller('api/onboarding-verifications')
export class VerificationsController {
  constructor(
    private readonly verifications: VerificationsService,
    private readonly checklists: VerificationChecklistsService,
    private readonly customers: CustomersService,
  ) {}

  @Head()
  @Paginated()
  @ApiOperation({ summary: 'Count onboarding verifications (`X-Result-Count`)' })
  @ApiOkResponse({ description: 'No body.' })
  count(
    @CurrentUser() caller: Principal,
    @Query() query: VerificationsQuery,
    @BaseUrl() baseUrl: string,
  ): Promise<Page<VerificationDto>> {
    return this.list(caller, query, baseUrl);
  }

  @Get()
  @Paginated()
  @ApiOperation({
    summary: 'List onboarding verifications',
    description:
      'Newest first unless `o` says otherwise. Applicants see their own; staff and support see all. Headers `X-Result-Count` and `Link`.',
  })
  @ApiOkResponse({ type: VerificationDto, isArray: true })
  @ApiBadRequestResponse({ description: 'Invalid filter value.' })
  @ApiNotFoundResponse({ description: '`{"detail": "Invalid page."}`' })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: VerificationsQuery,
    @BaseUrl() baseUrl: string,
  ): Promise<Page<VerificationDto>> {
    const page = await this.verifications.list(caller, query, drfWindow(query));
    return mapPage(page, (view) => present(view, baseUrl, caller));
  }

  @Post()
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a verification for manual review',
    description: 'The caller is its applicant; it starts `escalated`, as without a method.',
  })
  @ApiCreatedResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.create(caller, dto), baseUrl, caller);
  }

  @Post('start_verification')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a company verification',
    description:
      '`pending` when an automated `validation_method` is given (run_validation/ checks it), ' +
      'else `escalated` for manual review. Expires after VERIFICATION_EXPIRY_HOURS.',
  })
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  async start(
    @CurrentUser() caller: Principal,
    @Body() dto: StartVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.start(caller, dto), baseUrl, caller);
  }

  @Head('available_checklists')
  @ApiOperation({ summary: 'Check the onboarding checklists preview (headers only)' })
  @ApiOkResponse({ description: 'No body.' })
  @ApiBadRequestResponse({ description: 'Invalid checklist_type.' })
  availableChecklistsHead(@Query() query: AvailableChecklistsQuery): AvailableChecklistsDto {
    return this.availableChecklists(query);
  }

  @Get('available_checklists')
  @ApiOperation({
    summary: 'Preview the onboarding checklists (customer and intent)',
    description: 'Their questions with the customer or intent field each answer maps to.',
  })
  @ApiOkResponse({ type: AvailableChecklistsDto })
  @ApiBadRequestResponse({ description: 'Invalid checklist_type.' })
  availableChecklists(@Query() query: AvailableChecklistsQuery): AvailableChecklistsDto {
    return this.checklists.available(query.checklist_type ?? 'all');
  }

  @Head('checklist-template')
  @ApiOperation({ summary: 'Check the checklist template of a new verification (headers only)' })
  @ApiOkResponse({ description: 'No body.' })
  @ApiBadRequestResponse(NOT_CONFIGURED)
  @ApiNotFoundResponse({ description: 'Parent object not found.' })
  checklistTemplateHead(
    @CurrentUser() caller: Principal,
    @Query() query: ChecklistTemplateQuery,
  ): Promise<ChecklistTemplateDto> {
    return this.checklistTemplate(caller, query);
  }

  @Get('checklist-template')
  @ApiOperation({
    summary: 'Checklist template of a new verification',
    description:
      'The intent checklist every new verification of the user `parent_uuid` (the caller, or any user for staff and support) is asked first.',
  })
  @ApiOkResponse({ type: ChecklistTemplateDto })
  @ApiBadRequestResponse(NOT_CONFIGURED)
  @ApiNotFoundResponse({ description: 'Parent object not found.' })
  checklistTemplate(
    @CurrentUser() caller: Principal,
    @Query() query: ChecklistTemplateQuery,
  ): Promise<ChecklistTemplateDto> {
    return this.checklists.template(caller, query.parent_uuid);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Retrieve an onboarding verification' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  async retrieve(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.get(caller, uuid), baseUrl, caller);
  }

  @Put(':uuid')
  @ApiOperation({ summary: 'Update a verification (owner, while pending or escalated)' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  @ApiConflictResponse({ description: 'The verification is no longer pending or escalated.' })
  async replace(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.update(caller, uuid, dto), baseUrl, caller);
  }

  @Patch(':uuid')
  @Idempotent()
  @ApiOperation({ summary: 'Partially update a verification (owner, while pending or escalated)' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  @ApiConflictResponse({ description: 'The verification is no longer pending or escalated.' })
  async update(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: UpdateVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.update(caller, uuid, dto), baseUrl, caller);
  }

  @Delete(':uuid')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a verification (owner or staff), with its justifications and documents',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the owner nor staff.' })
  async remove(@CurrentUser() caller: Principal, @Param('uuid') uuid: string): Promise<void> {
    await this.verifications.remove(caller, uuid);
  }

  @Post(':uuid/run_validation')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Run the automatic registry check (owner)',
    description:
      'Asks the registry of the verification’s `validation_method`: `verified`, or `escalated` with its error code. Checklist answers are not used.',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'No validation_method (manual review), or bad fields.' })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  @ApiConflictResponse({ description: 'The verification is verified or expired.' })
  async runValidation(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: RunValidationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.runValidation(caller, uuid, dto), baseUrl, caller);
  }

  @Get(':uuid/checklist')
  @ApiOperation({ summary: 'A checklist of the verification with the applicant’s answers' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: ChecklistResponseDto })
  @ApiBadRequestResponse(NOT_CONFIGURED)
  checklist(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Query() query: ChecklistQuery,
  ): Promise<ChecklistResponseDto> {
    return this.checklists.checklist(caller, uuid, query.checklist_type ?? 'intent');
  }

  @Get(':uuid/completion_status')
  @ApiOperation({ summary: 'How far a checklist of the verification is answered' })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: ChecklistCompletionDto })
  @ApiBadRequestResponse(NOT_CONFIGURED)
  completionStatus(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Query() query: CompletionStatusQuery,
  ): Promise<ChecklistCompletionDto> {
    return this.checklists.completionStatus(caller, uuid, query.checklist_type ?? 'intent');
  }

  @Post(':uuid/submit_answers')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Answer checklist questions (owner)',
    description:
      'Each question is found in the customer or the intent checklist; `answer_data: null` removes an answer.',
  })
  @ApiParam(UUID_PARAM)
  @ApiBody({ type: AnswerSubmitDto, isArray: true })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Unknown question, or an answer that does not fit it.' })
  @ApiForbiddenResponse({ description: 'The caller is not the owner.' })
  async submitAnswers(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() body: unknown,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    const view = await this.checklists.submitAnswers(caller, uuid, parseAnswers(body));
    return present(view, baseUrl, caller);
  }

  @Post(':uuid/create_customer')
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create the customer of a verified verification (owner or staff)',
    description: 'The applicant becomes its owner.',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiBadRequestResponse({ description: '`Cannot create customer: <reason>`.' })
  @ApiForbiddenResponse({ description: 'The caller is neither the owner nor staff.' })
  async createCustomer(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @BaseUrl() baseUrl: string,
  ): Promise<CustomerDto> {
    return CustomerDto.from(await this.customers.createFrom(caller, uuid), baseUrl);
  }

  @Post(':uuid/record_result')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @StaffOnly()
  @ApiOperation({
    summary: 'Record the result of an automated registry check (staff)',
    description: 'For a pending or escalated verification; sets `validated_at`.',
  })
  @ApiParam(UUID_PARAM)
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiOkResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  @ApiConflictResponse({ description: 'The verification is no longer pending or escalated.' })
  async recordResult(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Body() dto: RecordResultDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.recordResult(caller, uuid, dto), baseUrl, caller);
  }
}

/** `raw_response` is shown to staff only, as upstream. */
function present(view: VerificationView, baseUrl: string, caller: Principal): VerificationDto {
  return VerificationDto.from(view, baseUrl, caller.isStaff);
}
