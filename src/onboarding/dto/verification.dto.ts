import { ApiProperty } from '@nestjs/swagger';
import { toHexUuid } from '../../common/ids/ids.js';
import type {
  ValidationMethod,
  Verification,
  VerificationStatus,
} from '../entities/verification.entity.js';
import { onboardingUrls } from '../onboarding.urls.js';
import type { VerificationView } from '../onboarding.views.js';
import { JustificationDto } from './justification.dto.js';
import { VerificationFieldsDto } from './verification-fields.dto.js';

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class VerificationDto extends VerificationFieldsDto {
  /** @example "1f2e3d4c5b6a47980a1b2c3d4e5f6a7b" */
  uuid: string;
  /** The requester. @example "http://localhost:3000/api/users/0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b/" */
  user: string;
  /** @example "Mari Maasikas" */
  user_full_name: string;
  /** @example "escalated" */
  status: VerificationStatus;
  justifications: JustificationDto[];
  /** The automated registry check, or "" for manual review. @example "" */
  validation_method: ValidationMethod | '';
  /** Roles of the requester in the company, as the registry lists them. @example ["ASES"] */
  verified_user_roles: string[];
  /** Normalized registry data of the company. @example {} */
  @ApiProperty({ ...OBJECT, example: {} })
  verified_company_data: Record<string, unknown>;
  /**
   * The registry's raw answer, for staff; null for everyone else (it may echo what the registry
   * knows about other people).
   */
  @ApiProperty({ ...OBJECT, nullable: true, example: null })
  raw_response: Record<string, unknown> | null;
  /** When the last check finished; null while none has. */
  @ApiProperty({ type: Date, nullable: true, example: null })
  validated_at: Date | null;
  /** When a pending or escalated verification expires. @example "2026-11-23T10:00:00.000Z" */
  @ApiProperty({ type: Date, nullable: true })
  expires_at: Date | null;
  /** The customer created from this verification; null until then. */
  @ApiProperty({ type: String, nullable: true, example: null })
  customer: string | null;
  /** @example false */
  can_customer_be_created: boolean;
  /** Why no customer can be created yet; null when one can. */
  @ApiProperty({
    type: String,
    nullable: true,
    example: "Verification status must be 'verified', currently 'escalated'",
  })
  customer_creation_error_message: string | null;
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  modified: Date;

  static from(view: VerificationView, baseUrl: string): VerificationDto {
    const { verification, facts } = view;
    return {
      uuid: toHexUuid(verification.id),
      user: onboardingUrls.user(baseUrl, verification.userId),
      user_full_name: facts.userFullName,
      country: verification.country,
      legal_person_identifier: verification.legalPersonIdentifier,
      legal_name: verification.legalName,
      status: verification.status,
      justifications: view.justifications.map((justification) =>
        JustificationDto.from(justification, baseUrl),
      ),
      validation_method: verification.validationMethod,
      verified_user_roles: verification.verifiedUserRoles,
      verified_company_data: verification.verifiedCompanyData,
      raw_response: view.rawResponse,
      error_traceback: verification.errorTraceback,
      error_message: verification.errorMessage,
      validated_at: verification.validatedAt,
      expires_at: verification.expiresAt,
      customer: customerUrl(verification, baseUrl),
      onboarding_metadata: facts.onboardingMetadata,
      user_submitted_customer_data: facts.customerData,
      can_customer_be_created: facts.customerCreationError === null,
      customer_creation_error_message: facts.customerCreationError,
      created: verification.created,
      modified: verification.modified,
    };
  }
}

function customerUrl(verification: Verification, baseUrl: string): string | null {
  return verification.customerId ? onboardingUrls.customer(baseUrl, verification.customerId) : null;
}
