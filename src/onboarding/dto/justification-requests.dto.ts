import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { DrfPageQuery } from '../../common/pagination/page.dto.js';
import { REVIEW_DECISION_LABELS, type ReviewDecision } from '../entities/justification.entity.js';
import { ChoiceFilter, OrderingFilter } from './filters.js';
import { OptionalText, TextFilter, UuidField, UuidFilter } from './drf-fields.js';

const MAX_TEXT = 10_000;

export const JUSTIFICATION_ORDERING = ['created', 'modified', 'validated_at'] as const;

/** POST /api/onboarding-justifications/ and PUT: the verification by URL (or uuid). */
export class CreateJustificationDto {
  /** URL (or uuid) of your failed or escalated verification. @example "http://localhost:3000/api/onboarding-verifications/1f2e3d4c5b6a47980a1b2c3d4e5f6a7b/" */
  @IsString()
  @MaxLength(2048)
  verification: string;

  /** User's explanation for why they should be authorized. @example "I am the sole board member; see the attached extract." */
  @OptionalText(MAX_TEXT, { nullable: true })
  user_justification?: string | null;
}

/** POST create_justification/: the verification by uuid. */
export class CreateJustificationByUuidDto {
  /** UUID of the OnboardingVerification to justify. @example "1f2e3d4c5b6a47980a1b2c3d4e5f6a7b" */
  @UuidField('Must be a valid UUID.')
  verification_uuid: string;

  /** User's explanation for why they should be authorized. @example "I am the sole board member; see the attached extract." */
  @OptionalText(MAX_TEXT)
  user_justification?: string;
}

/** PATCH: either field. */
export class UpdateJustificationDto {
  /** URL (or uuid) of your failed or escalated verification. @example "http://localhost:3000/api/onboarding-verifications/1f2e3d4c5b6a47980a1b2c3d4e5f6a7b/" */
  @ValidateIf((dto: UpdateJustificationDto) => dto.verification !== undefined)
  @IsString()
  @MaxLength(2048)
  verification?: string;

  /** @example "Updated: the extract is now attached." */
  @OptionalText(MAX_TEXT, { nullable: true })
  user_justification?: string | null;
}

/** approve/ and reject/. */
export class ReviewJustificationDto {
  /** Administrator notes about the review decision. @example "Board membership confirmed from the registry extract." */
  @OptionalText(MAX_TEXT)
  staff_notes?: string;
}

export class JustificationsQuery extends DrfPageQuery {
  /** @example "1f2e3d4c5b6a47980a1b2c3d4e5f6a7b" */
  @UuidFilter()
  verification_uuid?: string;

  /** The submitter. @example "0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b" */
  @UuidFilter()
  user_uuid?: string;

  @ChoiceFilter(REVIEW_DECISION_LABELS, 'Review decision')
  validation_decision?: ReviewDecision[];

  /** Case-insensitive substring of the verification's legal name or legal person identifier. @example "oü" */
  @TextFilter(255)
  query?: string;

  @OrderingFilter(JUSTIFICATION_ORDERING)
  o?: string[];
}
