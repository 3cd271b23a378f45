import {
  Body,
  Controller,
  Delete,
  Get,
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
import {
  RecordResultDto,
  ReplaceVerificationDto,
  StartVerificationDto,
  UpdateVerificationDto,
  VerificationsQuery,
} from './dto/verification-requests.dto.js';
import { VerificationDto } from './dto/verification.dto.js';
import type { VerificationView } from './onboarding.views.js';
import { VerificationsService } from './verifications.service.js';

const NOT_FOUND = { description: 'Unknown, or not visible to the caller.' };
const UUID_PARAM = { name: 'uuid', description: 'Hex uuid (hyphenated also accepted)' };

@ApiTags('onboarding')
@Controller('api/onboarding-verifications')
export class VerificationsController {
  constructor(private readonly verifications: VerificationsService) {}

  @Get()
  @Paginated()
  @ApiOperation({
    summary: 'List onboarding verifications',
    description:
      'Newest first. Applicants see their own; staff and support see all. Headers `X-Result-Count` and `Link`.',
  })
  @ApiOkResponse({ type: VerificationDto, isArray: true })
  @ApiBadRequestResponse({ description: 'Invalid paging or filter value.' })
  async list(
    @CurrentUser() caller: Principal,
    @Query() query: VerificationsQuery,
    @BaseUrl() baseUrl: string,
  ): Promise<Page<VerificationDto>> {
    const page = await this.verifications.list(caller, query, drfWindow(query));
    return mapPage(page, (view) => present(view, baseUrl, caller));
  }

  @Post('start_verification')
  @Idempotent()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Start a company verification',
    description:
      '`pending` when an automated `validation_method` is given (its result is recorded later), ' +
      'else `escalated` for manual review. Expires after VERIFICATION_EXPIRY_HOURS.',
  })
  @ApiCreatedResponse({ type: VerificationDto })
  @ApiBadRequestResponse({ description: 'Invalid field values.' })
  async start(
    @CurrentUser() caller: Principal,
    @Body() dto: StartVerificationDto,
    @BaseUrl() baseUrl: string,
  ): Promise<VerificationDto> {
    return present(await this.verifications.start(caller, dto), baseUrl, caller);
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
    @Body() dto: ReplaceVerificationDto,
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
  return VerificationDto.from(view.verification, view.justifications, baseUrl, caller.isStaff);
}
