import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DrfPageQuery } from '../../common/pagination/page.dto.js';
import {
  VALIDATION_METHODS,
  type ValidationMethod,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from '../entities/verification.entity.js';
import { UUID_INPUT } from '../onboarding.urls.js';
import { OptionalText } from './text-field.js';

const NOT_BLANK = /\S/;
const BLANK_MESSAGE = 'This field may not be blank.';
const COUNTRY_MESSAGE = 'Enter an ISO 3166-1 alpha-2 country code, e.g. "EE".';

export class StartVerificationDto {
  /** ISO 3166-1 alpha-2. @example "EE" */
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country: string;

  /** The company's registration code. @example "12345678" */
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(50)
  legal_person_identifier: string;

  /** @example "Test Company OÜ" */
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(255)
  legal_name: string;

  /** An automated registry check; omitted or "" escalates to manual review. @example "ariregister" */
  @ApiPropertyOptional({ enum: [...VALIDATION_METHODS, ''] })
  @IsOptional()
  @IsIn([...VALIDATION_METHODS, ''])
  validation_method?: ValidationMethod | '';
}

/** PUT: the applicant's own fields, all required. */
export class ReplaceVerificationDto {
  /** @example "EE" */
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country: string;

  /** @example "12345678" */
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(50)
  legal_person_identifier: string;

  /** @example "Test Company OÜ" */
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(255)
  legal_name: string;
}

/** PATCH: any of the applicant's own fields. */
export class UpdateVerificationDto {
  /** @example "EE" */
  @ValidateIf((dto: UpdateVerificationDto) => dto.country !== undefined)
  @IsISO31661Alpha2({ message: COUNTRY_MESSAGE })
  country?: string;

  /** @example "12345678" */
  @ValidateIf((dto: UpdateVerificationDto) => dto.legal_person_identifier !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(50)
  legal_person_identifier?: string;

  /** @example "Test Company OÜ" */
  @ValidateIf((dto: UpdateVerificationDto) => dto.legal_name !== undefined)
  @IsString()
  @Matches(NOT_BLANK, { message: BLANK_MESSAGE })
  @MaxLength(255)
  legal_name?: string;
}

export const RECORDABLE_RESULTS = ['verified', 'failed', 'escalated'] as const;
export type RecordableResult = (typeof RECORDABLE_RESULTS)[number];

/** How an automated registry check reports its outcome. */
export class RecordResultDto {
  /** @example "failed" */
  @IsIn(RECORDABLE_RESULTS)
  status: RecordableResult;

  /** Machine-readable error code. @example "NOT_AUTHORIZED" */
  @OptionalText(255)
  error_message?: string;

  /** Human-readable explanation. @example "User 37906094930 is not listed as authorized representative" */
  @OptionalText(10_000)
  error_traceback?: string;

  /** Normalized registry data. @example {"name": "Test Company OÜ", "registry": "Estonian Business Register"} */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @ValidateIf((dto: RecordResultDto) => dto.verified_company_data !== undefined)
  @IsObject()
  verified_company_data?: Record<string, unknown>;

  /** The registry's raw answer (shown to staff only). @example {"keha": {}} */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @ValidateIf((dto: RecordResultDto) => dto.raw_response !== undefined)
  @IsObject()
  raw_response?: Record<string, unknown>;
}

export class VerificationsQuery extends DrfPageQuery {
  /** @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  @IsOptional()
  @Matches(UUID_INPUT, { message: 'Enter a valid UUID.' })
  user_uuid?: string;

  /** Exact. @example "EE" */
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string;

  /** Exact. @example "escalated" */
  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES, {
    message: 'Select a valid choice. That choice is not one of the available choices.',
  })
  status?: VerificationStatus;

  /** Case-insensitive substring. @example "company" */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  legal_name?: string;

  /** Case-insensitive substring. @example "1234" */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  legal_person_identifier?: string;
}
