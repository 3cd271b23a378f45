import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import {
  NoSurroundingWhitespace,
  parseTimestamp,
} from '../../common/validation/solaris-validators.js';
import { CODE } from '../../persons/dto/customer-fields.dto.js';
import { RECIPIENT_TYPES, type RecipientType } from '../entities/question-set.entity.js';
import { ANSWER_TYPES, type AnswerType } from '../entities/question.entity.js';

export const MAX_QUESTIONS = 50;
export const MAX_ALLOWED_DOCUMENT_TYPES = 30;

/** A deadline is an instant: an ISO 8601 date-time with its time zone (a bare date is ambiguous). */
function IsDeadline(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDeadline',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseTimestamp(value)?.dateOnly === false,
        defaultMessage: () =>
          'must be an ISO 8601 date-time with a time zone, such as 2023-12-07T00:00:00Z',
      },
    },
    options,
  );
}

export class QuestionSetRecipientInput {
  /** Who answers: the customer's or the partner's id. @example "1fa130f81d84ed3c75b32c428d5d7d93cper" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @NoSurroundingWhitespace()
  recipient_id?: string;

  /**
   * CUSTOMER: show the questions to the customer; PARTNER: the partner's staff answer them.
   * @example "CUSTOMER"
   */
  @IsIn(RECIPIENT_TYPES)
  recipient_type: RecipientType;
}

export class QuestionInput {
  /** @example "Provide your annual KYC report." */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  @NoSurroundingWhitespace()
  question: string;

  /** TEXT_AND_FILES answers need at least one customer document. @example "TEXT_AND_FILES" */
  @IsIn(ANSWER_TYPES)
  answer_type: AnswerType;

  /**
   * Customer document types an attachment may have (TEXT_AND_FILES only); empty or absent: any.
   * @example ["KYC_REPORT"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOWED_DOCUMENT_TYPES)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CODE.pattern, { each: true, message: CODE.message })
  allowed_document_types?: string[];

  /**
   * When this question's answers close; the set's deadline when absent, never later than it.
   * @example "2022-09-15T11:20:16.840Z"
   */
  @IsOptional()
  @IsDeadline()
  deadline?: string;
}

/** `POST /v1/question_set` (staff). */
export class CreateQuestionSetDto {
  /** The person (`…cper`) or business (`…cbiz`) asked. @example "1fa130f81d84ed3c75b32c428d5d7d93cper" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  entity_id: string;

  /** A related resource, e.g. a CDD screening. @example "1fa130f81d84ed3c75b32c428d5d7d93ccnt" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  @NoSurroundingWhitespace()
  context_id?: string;

  /** @example "some description" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  description?: string;

  /** When the answers close; must be in the future. @example "2023-12-07T00:00:00Z" */
  @IsDeadline()
  deadline: string;

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
