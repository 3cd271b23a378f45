import { ApiProperty } from '@nestjs/swagger';
import { IntegerField, SolarisText } from '../../common/validation/fields.js';
import { PERSON } from '../../persons/customer.models.js';
import {
  PSD2_CHALLENGE_STATUSES,
  type Psd2Challenge,
  type Psd2ChallengeStatus,
} from '../entities/psd2-challenge.entity.js';

/** `POST /v1/psd2/challenges`: how a TPP's login request reaches the service. */
export class CreateChallengeDto {
  @SolarisText({
    example: PERSON.example,
    description: 'The person whose account the TPP asks for, when known.',
    maxLength: 40,
    notEmpty: true,
    optional: true,
  })
  person_id?: string | null;

  @IntegerField({
    example: 300,
    description: 'Lifetime in seconds; default `PSD2_CHALLENGE_TTL_SECONDS` (300).',
    min: 1,
    max: 86_400,
    numeric: true,
    optional: true,
  })
  ttl_seconds?: number | null;
}

/** `PATCH /v1/psd2/challenges/{psd2_challenge_id}`. */
export class UpdateChallengeDto {
  @SolarisText({
    example: PERSON.example,
    description: 'The Solaris person ID associated with the PSD2 challenge.',
    maxLength: 40,
  })
  person_id: string;
}

/** What verification and update answer. */
export class ChallengeDto {
  /** The bound person; null before the update. @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  person_id: string | null;
  /** Where to send the customer for the second factor; null before the update. @example "http://my.sb.de/consent?consent_challenge=3f0c1e8b2a4d4c6e9b7a5d3c1e2f4a6bpsdc" */
  redirect_url: string | null;

  static from(challenge: Psd2Challenge): ChallengeDto {
    return { person_id: challenge.personId, redirect_url: challenge.redirectUrl };
  }
}

/** A newly opened challenge. */
export class CreatedChallengeDto extends ChallengeDto {
  /** @example "3f0c1e8b2a4d4c6e9b7a5d3c1e2f4a6bpsdc" */
  id: string;

  @ApiProperty({ enum: PSD2_CHALLENGE_STATUSES, example: 'PENDING' })
  status: Psd2ChallengeStatus;

  /** @example "2026-12-02T13:05:00.000Z" */
  expires_at: Date;

  static override from(challenge: Psd2Challenge): CreatedChallengeDto {
    return {
      id: challenge.id,
      ...ChallengeDto.from(challenge),
      status: challenge.status,
      expires_at: challenge.expiresAt,
    };
  }
}
