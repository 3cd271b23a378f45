import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import {
  PSD2_CHALLENGE_STATUSES,
  type Psd2Challenge,
  type Psd2ChallengeStatus,
} from '../entities/psd2-challenge.entity.js';
import { ApiProperty } from '@nestjs/swagger';

/** `POST /v1/psd2/challenges`: how a TPP's login request reaches the service. */
export class CreateChallengeDto {
  /** The person whose account the TPP asks for, when known. @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  person_id?: string | null;

  /** Lifetime in seconds; default `PSD2_CHALLENGE_TTL_SECONDS` (300). @example 300 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  ttl_seconds?: number | null;
}

/** `PATCH /v1/psd2/challenges/{psd2_challenge_id}`. */
export class UpdateChallengeDto {
  /** The Solaris person ID associated with the PSD2 challenge. @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
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
