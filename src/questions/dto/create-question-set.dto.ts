import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import {
  EnumField,
  PatternField,
  SolarisText,
  ZonedDateTimeField,
} from '../../common/validation/fields.js';
import { CODE } from '../../persons/dto/customer-fields.dto.js';
import { RECIPIENT_TYPES, type RecipientType } from '../entities/question-set.entity.js';
import { ANSWER_TYPES, type AnswerType } from '../entities/question.entity.js';

export const MAX_QUESTIONS = 50;
export const MAX_ALLOWED_DOCUMENT_TYPES = 30;

/** A deadline is an instant: with its time zone (a bare date would leave open which midnight). */
const DEADLINE_MESSAGE =
  'must be an ISO 8601 date-time with a time zone, such as 2023-12-07T00:00:00Z';

export class QuestionSetRecipientInput {
  @SolarisText({
    example: '1fa130f81d84ed3c75b32c428d5d7d93cper',
    description: "Who answers: the customer's or the partner's id.",
    maxLength: 64,
    notEmpty: true,
    optional: true,
  })
  recipient_id?: string;

  @EnumField(RECIPIENT_TYPES, {
    example: 'CUSTOMER',
    description:
      "CUSTOMER: show the questions to the customer; PARTNER: the partner's staff answer them.",
  })
  recipient_type: RecipientType;
}

export class QuestionInput {
  @SolarisText({ example: 'Provide your annual KYC report.', maxLength: 2000 })
  question: string;

  @EnumField(ANSWER_TYPES, {
    example: 'TEXT_AND_FILES',
    description: 'TEXT_AND_FILES answers need at least one customer document.',
  })
  answer_type: AnswerType;

  @PatternField({
    ...CODE,
    example: ['KYC_REPORT'],
    description:
      'Customer document types an attachment may have (TEXT_AND_FILES only); empty or absent: any.',
    maxItems: MAX_ALLOWED_DOCUMENT_TYPES,
    unique: true,
    optional: true,
  })
  allowed_document_types?: string[];

  @ZonedDateTimeField({
    example: '2022-09-15T11:20:16.840Z',
    description:
      "When this question's answers close; the set's deadline when absent, never later than it.",
    message: DEADLINE_MESSAGE,
    optional: true,
  })
  deadline?: string;
}

/** `POST /v1/question_set` (staff). */
export class CreateQuestionSetDto {
  @SolarisText({
    example: '1fa130f81d84ed3c75b32c428d5d7d93cper',
    description: 'The person (`…cper`) or business (`…cbiz`) asked.',
    maxLength: 40,
  })
  entity_id: string;

  @SolarisText({
    example: '1fa130f81d84ed3c75b32c428d5d7d93ccnt',
    description: 'A related resource, e.g. a CDD screening.',
    maxLength: 64,
    notEmpty: true,
    optional: true,
  })
  context_id?: string;

  @SolarisText({ example: 'some description', maxLength: 1000, optional: true })
  description?: string;

  @ZonedDateTimeField({
    example: '2023-12-07T00:00:00Z',
    description: 'When the answers close; must be in the future.',
    message: DEADLINE_MESSAGE,
  })
  deadline: string;

  // Not NestedField: a recipient that is no object answers only the nested-validation error.
  @ValidateNested()
  @Type(() => QuestionSetRecipientInput)
  recipient: QuestionSetRecipientInput;

  /** The questions, in the order they are asked. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionInput)
  questions: QuestionInput[];
}
