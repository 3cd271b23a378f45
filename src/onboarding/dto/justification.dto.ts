import { ApiProperty } from '@nestjs/swagger';
import { toHexUuid } from '../../common/ids/ids.js';
import type { ReviewDecision } from '../entities/justification.entity.js';
import { onboardingUrls } from '../onboarding.urls.js';
import type { DocumentView, JustificationView } from '../onboarding.views.js';
import { VerificationFieldsDto } from './verification-fields.dto.js';

export class JustificationDocumentDto {
  /** @example "3c1f0e2d4b5a49687f8e9d0c1b2a3f4e" */
  uuid: string;
  /**
   * Download URL (owner, staff and support).
   * @example "http://localhost:3000/api/onboarding-justification-documents/3c1f0e2d4b5a49687f8e9d0c1b2a3f4e/download/"
   */
  file: string;
  /** The uploaded file's name, sanitized. @example "authorization_letter.pdf" */
  file_name: string;
  /** Bytes. @example 48213 */
  file_size: number;
  /** @example "2026-11-21T10:05:00.000Z" */
  created: Date;

  static from({ document, fileSize }: DocumentView, baseUrl: string): JustificationDocumentDto {
    return {
      uuid: toHexUuid(document.id),
      file: onboardingUrls.documentDownload(baseUrl, document.id),
      file_name: document.fileName,
      file_size: fileSize,
      created: document.created,
    };
  }
}

export class JustificationDto extends VerificationFieldsDto {
  /** @example "9a8b7c6d5e4f40312a2b3c4d5e6f7a8b" */
  uuid: string;
  /** @example "http://localhost:3000/api/onboarding-verifications/1f2e3d4c5b6a47980a1b2c3d4e5f6a7b/" */
  verification: string;
  /** @example "1f2e3d4c5b6a47980a1b2c3d4e5f6a7b" */
  verification_uuid: string;
  /** The submitter. @example "http://localhost:3000/api/users/0b4f6c1e2a3d4e5f8a9b0c1d2e3f4a5b/" */
  user: string;
  /** @example "Mari Maasikas" */
  user_full_name: string;
  /** User's explanation for why they should be authorized. @example "I am the sole board member; see the attached extract." */
  user_justification: string | null;
  /** The reviewing staff member; null until decided. */
  @ApiProperty({ type: String, nullable: true, example: null })
  validated_by: string | null;
  /** When the decision was made; null until decided. */
  @ApiProperty({ type: Date, nullable: true, example: null })
  validated_at: Date | null;
  /** @example "pending" */
  validation_decision: ReviewDecision;
  /** Administrator notes on the review decision. @example "" */
  staff_notes: string;
  supporting_documentation: JustificationDocumentDto[];
  /** @example "2026-11-21T10:00:00.000Z" */
  created: Date;
  /** @example "2026-11-21T10:00:00.000Z" */
  modified: Date;

  static from(view: JustificationView, baseUrl: string): JustificationDto {
    const { justification, verification, verificationFacts } = view;
    return {
      uuid: toHexUuid(justification.id),
      verification: onboardingUrls.verification(baseUrl, verification.id),
      verification_uuid: toHexUuid(verification.id),
      country: verification.country,
      user: onboardingUrls.user(baseUrl, justification.userId),
      user_full_name: view.userFullName,
      legal_person_identifier: verification.legalPersonIdentifier,
      legal_name: verification.legalName,
      error_message: verification.errorMessage,
      error_traceback: verification.errorTraceback,
      user_justification: justification.userJustification,
      validated_by: justification.validatedById
        ? onboardingUrls.user(baseUrl, justification.validatedById)
        : null,
      validated_at: justification.validatedAt,
      validation_decision: justification.validationDecision,
      staff_notes: justification.staffNotes,
      supporting_documentation: view.documents.map((document) =>
        JustificationDocumentDto.from(document, baseUrl),
      ),
      onboarding_metadata: verificationFacts.onboardingMetadata,
      user_submitted_customer_data: verificationFacts.customerData,
      created: justification.created,
      modified: justification.modified,
    };
  }
}
