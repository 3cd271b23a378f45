import { ApiProperty } from '@nestjs/swagger';

const OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * What a verification says of its company, its last check and its checklist answers; a
 * justification shows the same fields of the verification it is for.
 */
export class VerificationFieldsDto {
  /** ISO country code, or "". @example "EE" */
  country: string;
  /** The company's registration code. @example "12345678" */
  legal_person_identifier: string;
  /** @example "Test Company OÜ" */
  legal_name: string;
  /** Machine-readable error code of the last check, or "". @example "NOT_AUTHORIZED" */
  error_message: string;
  /** Human-readable explanation of the error. @example "User 37906094930 is not listed as authorized representative" */
  error_traceback: string;
  /** Intent checklist answers by intent field. @example {"business_intent": "6f1c3a2e9b8d4c7a8e5f0a1b2c3d4e31"} */
  @ApiProperty({ ...OBJECT })
  onboarding_metadata: Record<string, unknown>;
  /** Customer checklist answers by customer field. @example {"vat_code": "EE123456789"} */
  @ApiProperty({ ...OBJECT })
  user_submitted_customer_data: Record<string, unknown>;
}
