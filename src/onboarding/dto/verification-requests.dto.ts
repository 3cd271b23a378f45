import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsObject, IsOptional, Matches, ValidateIf } from 'class-validator';
import { type FieldError, ValidationFailedError } from '../../common/errors/api-error.js';
import { DrfPageQuery } from '../../common/pagination/page.dto.js';
import type { SubmittedAnswer } from '../checklists/verification-checklists.service.js';
import { CHECKLIST_TYPES, type ChecklistType } from '../entities/checklist-completion.entity.js';
import {
  VALIDATION_METHOD_LABELS,
  VALIDATION_METHODS,
  type ValidationMethod,
  VERIFICATION_STATUS_LABELS,
  type VerificationStatus,
} from '../entities/verification.entity.js';
import { UUID_INPUT } from '../onboarding.urls.js';
import { ChoiceFilter, OrderingFilter } from './filters.js';
import { Choice, OptionalText, TextFilter, UuidField, UuidFilter } from './drf-fields.js';

const DATETIME_MESSAGE =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';
const METHOD_CHOICES = [...VALIDATION_METHODS, ''];

/** The applicant's fields; each optional and blank allowed, as upstream. */
export class ApplicantFields {
  /** ISO country code (e.g. 'EE', 'AT') for context. @example "EE" */
  @OptionalText(2)
  country?: string;

  /** Official company registration code (required for automatic validation). @example "12345678" */
  @OptionalText(50)
  legal_person_identifier?: string;

  /** Company name (optional, for reference). @example "Test Company OÜ" */
  @OptionalText(255)
  legal_name?: string;
}

export class StartVerificationDto extends ApplicantFields {
  /** An automated registry check; omitted or "" escalates to manual review. @example "ariregister" */
  @Choice(METHOD_CHOICES)
  validation_method?: ValidationMethod | '';
}

/** POST (create), PUT and PATCH: any of the applicant's fields and the expiry. */
export class UpdateVerificationDto extends ApplicantFields {
  /** When this verification expires; null for never. @example "2026-11-30T10:00:00Z" */
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @ValidateIf(
    (dto: UpdateVerificationDto) => dto.expires_at !== undefined && dto.expires_at !== null,
  )
  @IsISO8601({ strict: true, strictSeparator: true }, { message: DATETIME_MESSAGE })
  expires_at?: string | null;
}

/** run_validation/: the applicant's personal data some registries need. */
export class RunValidationDto {
  /** Personal identifier (e.g. an Estonian isikukood). @example "37906094930" */
  @OptionalText(50)
  civil_number?: string;

  /** @example "Mari" */
  @OptionalText(100)
  first_name?: string;

  /** @example "Maasikas" */
  @OptionalText(100)
  last_name?: string;

  /** @example "1979-06-09" */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf((dto: RunValidationDto) => dto.birth_date !== undefined && dto.birth_date !== null)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, {
    message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.',
  })
  @IsISO8601(
    { strict: true },
    { message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.' },
  )
  birth_date?: string | null;
}

/** One answer of submit_answers/; `answer_data: null` removes the answer. */
export class AnswerSubmitDto {
  /** @example "6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e12" */
  @UuidField('Must be a valid UUID.')
  question_uuid: string;

  /** Text, a number, a boolean, an option uuid or a list of them, by question type. @example "EE123456789" */
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf(() => false)
  answer_data: unknown;
}

/** record_result/ (this service's own route: how an automated registry check reports). */
export const RECORDABLE_RESULTS = ['verified', 'failed', 'escalated'] as const;
export type RecordableResult = (typeof RECORDABLE_RESULTS)[number];

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

export const VERIFICATION_ORDERING = ['created', 'modified', 'validated_at', 'expires_at'] as const;

export class VerificationsQuery extends DrfPageQuery {
  /** @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  @UuidFilter()
  user_uuid?: string;

  /** Exact. @example "EE" */
  @TextFilter(2)
  country?: string;

  @ChoiceFilter(VERIFICATION_STATUS_LABELS, 'Verification status')
  status?: VerificationStatus[];

  @ChoiceFilter(VALIDATION_METHOD_LABELS, 'Validation method')
  validation_method?: ValidationMethod[];

  /** Case-insensitive substring. @example "company" */
  @TextFilter(255)
  legal_name?: string;

  /** Case-insensitive substring. @example "1234" */
  @TextFilter(50)
  legal_person_identifier?: string;

  /** Case-insensitive substring of the legal name or the legal person identifier. @example "oü" */
  @TextFilter(255)
  query?: string;

  @OrderingFilter(VERIFICATION_ORDERING)
  o?: string[];
}

export class ChecklistQuery {
  /** Type of checklist (customer or intent). Defaults to intent. @example "intent" */
  @Choice(CHECKLIST_TYPES, { default: 'intent' })
  checklist_type?: ChecklistType;

  /** Every question, hidden ones too (these checklists hide none). @example false */
  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @IsIn(['true', 'false', 'True', 'False', '1', '0'], { message: 'Must be a valid boolean.' })
  include_all?: string;
}

export class CompletionStatusQuery {
  /** Type of checklist (customer or intent). Defaults to intent. @example "intent" */
  @Choice(CHECKLIST_TYPES, { default: 'intent' })
  checklist_type?: ChecklistType;
}

const AVAILABLE_TYPES = [...CHECKLIST_TYPES, 'all'] as const;

export class AvailableChecklistsQuery {
  /** customer, intent or all (the default). @example "all" */
  @Choice(AVAILABLE_TYPES, { default: 'all' })
  checklist_type?: (typeof AVAILABLE_TYPES)[number];
}

export class ChecklistTemplateQuery {
  /** The user the new verification would belong to. @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  @UuidField('Must be a valid UUID.')
  parent_uuid: string;
}

/**
 * submit_answers/'s body: a JSON array of `{question_uuid, answer_data}` (`answer_data: null`
 * removes an answer). Checked by hand, as the global pipe validates objects, not arrays.
 */
export function parseAnswers(body: unknown): SubmittedAnswer[] {
  if (!Array.isArray(body)) {
    throw ValidationFailedError.field(
      'non_field_errors',
      `Expected a list of items but got type "${body === null ? 'null' : typeof body === 'object' ? 'dict' : typeof body}".`,
    );
  }
  if (body.length === 0) {
    throw ValidationFailedError.field('non_field_errors', 'This list may not be empty.');
  }
  if (body.length > MAX_ANSWERS) {
    throw ValidationFailedError.field(
      'non_field_errors',
      `Ensure this list has no more than ${MAX_ANSWERS} elements.`,
    );
  }
  const errors: FieldError[] = [];
  const answers = body.map((item: unknown, index): SubmittedAnswer => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ field: `${index}`, message: 'Invalid data. Expected a dictionary.' });
      return { questionUuid: '', answerData: null };
    }
    const { question_uuid: uuid, answer_data: answerData } = item as Record<string, unknown>;
    if (uuid === undefined) {
      errors.push({ field: `${index}.question_uuid`, message: 'This field is required.' });
    } else if (typeof uuid !== 'string' || !UUID_INPUT.test(uuid)) {
      errors.push({ field: `${index}.question_uuid`, message: 'Must be a valid UUID.' });
    }
    if (!('answer_data' in item)) {
      errors.push({ field: `${index}.answer_data`, message: 'This field is required.' });
    }
    return { questionUuid: String(uuid).replace(/-/g, '').toLowerCase(), answerData };
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return answers;
}

const MAX_ANSWERS = 100;
