import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { BooleanField, SolarisText } from '../../common/validation/fields.js';

export const MAX_ATTACHMENTS = 20;

/**
 * `PATCH /v1/question_set/{question_set_id}/questions/{question_id}/answer`. Absent or null
 * `response`, `partner_notes` and `attachments` keep what the answer already holds (Solaris
 * ignores nulls on PATCH); `ready_for_review` defaults to false on every call, as documented.
 */
export class AnswerQuestionDto {
  @SolarisText({
    example: 'Here is my answer to the question',
    description: 'The answer text collected from the customer.',
    maxLength: 10_000,
    optional: true,
  })
  response?: string | null;

  @SolarisText({
    example: 'Optional notes',
    description: 'Notes for Solaris to take into consideration.',
    maxLength: 2000,
    optional: true,
  })
  partner_notes?: string | null;

  /**
   * Customer documents (`…cdoc`) of the set's person or business, uploaded with
   * `POST /v1/persons/{id}/documents` or `POST /v1/businesses/{id}/documents`. Required (at least
   * one) for a TEXT_AND_FILES answer that is ready for review.
   * @example ["3f9a2c4d5e6f708192a3b4c5d6e7f809cdoc"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  attachments?: string[] | null;

  @BooleanField({
    example: true,
    description:
      'Ready for review by Solaris; the set is reviewed once every answer is. Default false.',
    optional: true,
  })
  ready_for_review?: boolean | null;
}
