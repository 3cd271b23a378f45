import { ApiProperty } from '@nestjs/swagger';
import { toHexUuid } from '../../common/ids/ids.js';
import type {
  ChecklistDefinition,
  QuestionDefinition,
  QuestionOption,
  QuestionType,
} from '../checklists/onboarding-checklists.js';
import type {
  ChecklistAnswer,
  ChecklistCompletion,
  ChecklistType,
} from '../entities/checklist-completion.entity.js';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/** Waldur's `Checklist` summary. */
export interface ChecklistSummary {
  uuid: string;
  name: string;
  description: string;
  checklist_type: string;
  questions_count: number;
}

/** Waldur's checklist_type values. */
const CHECKLIST_TYPE_NAMES: Record<ChecklistType, string> = {
  customer: 'onboarding_customer_data',
  intent: 'onboarding_intent_data',
};

export function checklistSummary(checklist: ChecklistDefinition): ChecklistSummary {
  return {
    uuid: checklist.uuid,
    name: checklist.name,
    description: checklist.description,
    checklist_type: CHECKLIST_TYPE_NAMES[checklist.checklistType],
    questions_count: checklist.questions.length,
  };
}

/** Decimal fields are strings upstream ("1.0000"). */
const decimal = (value: number | null) => (value === null ? null : value.toFixed(4));

export class QuestionOptionDto {
  /** @example "6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e31" */
  uuid: string;
  /** @example "Research" */
  label: string;
  /** @example 1 */
  order: number;

  static from(option: QuestionOption): QuestionOptionDto {
    return { uuid: option.uuid, label: option.label, order: option.order };
  }
}

/** What every question shows, with or without an answer. */
export class QuestionFields {
  /** @example "6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e21" */
  uuid: string;
  /** @example "Main purpose of the account" */
  description: string;
  /** @example "text_input" */
  question_type: QuestionType;
  /** @example true */
  required: boolean;
  /** @example 1 */
  order: number;
  @ApiProperty({ type: String, nullable: true, example: null })
  min_value: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  max_value: string | null;
  /** Uploads are not asked for by these checklists. @example [] */
  allowed_file_types: string[];
  /** @example [] */
  allowed_mime_types: string[];
  @ApiProperty({ type: Number, nullable: true, example: null })
  max_file_size_mb: number | null;
  @ApiProperty({ type: Number, nullable: true, example: null })
  max_files_count: number | null;
}

function questionFields(question: QuestionDefinition): QuestionFields {
  return {
    uuid: question.uuid,
    description: question.description,
    question_type: question.questionType,
    required: question.required,
    order: question.order,
    min_value: decimal(question.minValue),
    max_value: decimal(question.maxValue),
    allowed_file_types: [],
    allowed_mime_types: [],
    max_file_size_mb: null,
    max_files_count: null,
  };
}

export class ExistingAnswerDto {
  /** @example "3c1f0e2d4b5a49687f8e9d0c1b2a3f4e" */
  uuid: string;
  @ApiProperty({ description: 'The answer as submitted.', example: 'EE123456789' })
  answer_data: unknown;
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "2026-11-21T10:05:00.000Z" */
  modified: Date;
}

/** A question as the applicant fills it: with their answer, if any. */
export class QuestionWithAnswerDto extends QuestionFields {
  @ApiProperty({ type: String, nullable: true, example: null })
  user_guidance: string | null;
  @ApiProperty({ type: ExistingAnswerDto, nullable: true })
  existing_answer: ExistingAnswerDto | null;
  @ApiProperty({ type: QuestionOptionDto, isArray: true, nullable: true })
  question_options: QuestionOptionDto[] | null;
  /** These checklists show every question; no question depends on another. */
  @ApiProperty({ ...OBJECT, nullable: true, example: null })
  dependencies_info: Record<string, unknown> | null;

  static from(
    question: QuestionDefinition,
    answer: ChecklistAnswer | undefined,
  ): QuestionWithAnswerDto {
    return {
      ...questionFields(question),
      user_guidance: question.userGuidance || null,
      existing_answer: answer
        ? {
            uuid: toHexUuid(answer.id),
            answer_data: answer.answerData,
            created: answer.created,
            modified: answer.modified,
          }
        : null,
      question_options:
        question.options.length > 0
          ? question.options.map((option) => QuestionOptionDto.from(option))
          : null,
      dependencies_info: null,
    };
  }
}

/** Waldur's `Question`, as a template shows it (no answer, every rule field). */
export class QuestionDto extends QuestionFields {
  /** @example "" */
  user_guidance: string;
  @ApiProperty({ type: QuestionOptionDto, isArray: true })
  question_options: QuestionOptionDto[];
  /** No answer triggers a review in these checklists. @example "" */
  operator: '';
  @ApiProperty({ type: 'string', nullable: true, example: null })
  review_answer_value: null;
  /** @example false */
  always_requires_review: boolean;
  @ApiProperty({ type: 'string', nullable: true, example: null })
  guidance_answer_value: null;
  /** @example "" */
  guidance_operator: '';
  /** @example false */
  always_show_guidance: boolean;
  /** @example "and" */
  dependency_logic_operator: 'and';

  static from(question: QuestionDefinition): QuestionDto {
    return {
      ...questionFields(question),
      user_guidance: question.userGuidance,
      question_options: question.options.map((option) => QuestionOptionDto.from(option)),
      operator: '',
      review_answer_value: null,
      always_requires_review: false,
      guidance_answer_value: null,
      guidance_operator: '',
      always_show_guidance: false,
      dependency_logic_operator: 'and',
    };
  }
}

export class ChecklistCompletionDto {
  /** @example "5d4c3b2a1f0e49d8c7b6a5f4e3d2c1b0" */
  uuid: string;
  /** Whether all required questions have been answered. @example false */
  is_completed: boolean;
  /** Share of the required questions answered, in percent. @example 50 */
  completion_percentage: number;
  /** The required questions still unanswered. */
  @ApiProperty({
    ...OBJECT,
    isArray: true,
    example: [{ uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e12', description: 'VAT number' }],
  })
  unanswered_required_questions: { uuid: string; description: string }[];
  /** @example "Organization details" */
  checklist_name: string;
  /** @example "The organization to be created once the verification is approved." */
  checklist_description: string;
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "2026-11-21T10:05:00.000Z" */
  modified: Date;

  static from(
    completion: ChecklistCompletion,
    checklist: ChecklistDefinition,
    answers: Map<string, ChecklistAnswer> | undefined,
  ): ChecklistCompletionDto {
    const required = checklist.questions.filter((q) => q.required);
    const unanswered = required.filter((q) => !answers?.has(q.uuid));
    const percentage =
      required.length === 0 ? 100 : ((required.length - unanswered.length) / required.length) * 100;
    return {
      uuid: toHexUuid(completion.id),
      is_completed: unanswered.length === 0,
      completion_percentage: Math.round(percentage * 100) / 100,
      unanswered_required_questions: unanswered.map((q) => ({
        uuid: q.uuid,
        description: q.description,
      })),
      checklist_name: checklist.name,
      checklist_description: checklist.description,
      created: completion.created,
      modified: completion.modified,
    };
  }
}

export class ChecklistResponseDto {
  @ApiProperty({
    ...OBJECT,
    example: { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e01', name: 'Organization details' },
  })
  checklist: ChecklistSummary;
  completion: ChecklistCompletionDto;
  questions: QuestionWithAnswerDto[];
}

export class ChecklistTemplateDto {
  @ApiProperty({
    ...OBJECT,
    example: { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e02', name: 'Intended use' },
  })
  checklist: ChecklistSummary;
  questions: QuestionDto[];
  /** Every question is visible from the start. */
  initial_visible_questions: QuestionDto[];

  static from(checklist: ChecklistDefinition): ChecklistTemplateDto {
    const questions = checklist.questions.map((question) => QuestionDto.from(question));
    return {
      checklist: checklistSummary(checklist),
      questions,
      initial_visible_questions: questions,
    };
  }
}

/** A checklist with its questions and their field mappings, for a preview. */
export function checklistPreview(checklist: ChecklistDefinition): Record<string, unknown> {
  return {
    ...checklistSummary(checklist),
    questions: checklist.questions.map((question) => ({
      ...QuestionDto.from(question),
      onboarding_metadata:
        question.mapsToCustomerField || question.intentField
          ? {
              maps_to_customer_field: question.mapsToCustomerField ?? '',
              intent_field: question.intentField ?? '',
            }
          : null,
    })),
  };
}

export class AvailableChecklistsDto {
  /** null when not asked for or not configured. */
  @ApiProperty({
    ...OBJECT,
    nullable: true,
    example: { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e01', questions: [] },
  })
  customer_checklist: Record<string, unknown> | null;
  @ApiProperty({
    ...OBJECT,
    nullable: true,
    example: { uuid: '6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e02', questions: [] },
  })
  intent_checklist: Record<string, unknown> | null;
}
