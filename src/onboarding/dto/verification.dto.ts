import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { toHexUuid } from '../../common/ids/ids.js';
import type {
  ValidationMethod,
  Verification,
  VerificationStatus,
} from '../entities/verification.entity.js';
import { onboardingUrls } from '../onboarding.urls.js';
import { JustificationDto } from './justification.dto.js';
import type { JustificationView } from '../onboarding.views.js';

export class VerificationDto {
  /** @example "1f2e3d4c5b6a47980a1b2c3d4e5f6a7b" */
  uuid: string;
  /** The requester. @example "http://localhost:3000/api/users/0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b/" */
  user: string;
  /** ISO 3166-1 alpha-2. @example "EE" */
  country: string;
  /** The company's registration code. @example "12345678" */
  legal_person_identifier: string;
  /** @example "Test Company OÜ" */
  legal_name: string;
  /** @example "escalated" */
  status: VerificationStatus;
  /** The automated registry check, or "" for manual review. @example "" */
  validation_method: ValidationMethod | '';
  /** Machine-readable error code. @example "" */
  error_message: string;
  /** Human-readable explanation of the error. @example "" */
  error_traceback: string;
  /** Normalized registry data of the company. @example {} */
  verified_company_data: Record<string, unknown>;
  /** The registry's raw answer; present for staff only. */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: {} })
  raw_response?: Record<string, unknown>;
  /** When the last check finished; null while none has. */
  @ApiProperty({ type: Date, nullable: true, example: null })
  validated_at: Date | null;
  /** When a pending or escalated verification expires. @example "2026-11-23T10:00:00.000Z" */
  expires_at: Date | null;
  justifications: JustificationDto[];
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  modified: Date;

  static from(
    verification: Verification,
    justifications: JustificationView[],
    baseUrl: string,
    showRawResponse: boolean,
  ): VerificationDto {
    return {
      uuid: toHexUuid(verification.id),
      user: onboardingUrls.user(baseUrl, verification.userId),
      country: verification.country,
      legal_person_identifier: verification.legalPersonIdentifier,
      legal_name: verification.legalName,
      status: verification.status,
      validation_method: verification.validationMethod,
      error_message: verification.errorMessage,
      error_traceback: verification.errorTraceback,
      verified_company_data: verification.verifiedCompanyData,
      ...(showRawResponse ? { raw_response: verification.rawResponse } : {}),
      validated_at: verification.validatedAt,
      expires_at: verification.expiresAt,
      justifications: justifications.map((view) =>
        JustificationDto.from(view.justification, verification, view.documents, baseUrl),
      ),
      created: verification.created,
      modified: verification.modified,
    };
  }
}
