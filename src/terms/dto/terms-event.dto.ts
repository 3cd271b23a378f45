import { ApiProperty, PickType } from '@nestjs/swagger';
import { EnumField, SolarisText, ZonedDateTimeField } from '../../common/validation/fields.js';
import type { TermsEvent } from '../entities/terms-event.entity.js';
import {
  TERMS_EVENT_TYPES,
  TERMS_PRODUCTS,
  type TermsEventType,
  type TermsProduct,
} from '../terms.constants.js';
import { TERMS_DOCUMENT } from '../terms.models.js';

/** `POST /v1/terms_and_conditions_events`. */
export class CreateTermsEventDto {
  @SolarisText({
    example: TERMS_DOCUMENT.example,
    description: 'A T&C document registered with this service (`…tcdc`).',
    maxLength: 40,
  })
  document_id: string;

  // A date alone does not say when the customer acted.
  @ZonedDateTimeField({
    example: '2020-02-12T17:28:53Z',
    description: 'UTC timestamp of when the customer approved/rejected the document.',
  })
  event_timestamp: string;

  @EnumField(TERMS_EVENT_TYPES, {
    example: 'APPROVED',
    description: 'The type of action that the customer took on the Terms & Conditions document.',
  })
  event_type: TermsEventType;

  @SolarisText({
    example: '52054909a5d149b2a7430eee4ba6cc22',
    description: 'ID of the person who signed the Terms & Conditions document.',
    maxLength: 40,
  })
  signed_by: string;

  @SolarisText({
    example: 'ebf7d72aec7ab75006aa164b3e0af893cbiz',
    description: '(For business customers) ID of the business on whose behalf the person signs.',
    maxLength: 40,
    notEmpty: true,
    optional: true,
  })
  signed_on_behalf_of?: string | null;

  @EnumField(TERMS_PRODUCTS, {
    example: 'DIGITAL_BANKING',
    description: 'The product the document applies to; must be the document’s product.',
  })
  product_name: TermsProduct;
}

export class TermsEventDto extends PickType(CreateTermsEventDto, [
  'document_id',
  'event_type',
  'signed_by',
  'product_name',
]) {
  /** @example "2b5423a061514901a5a8791f2cb18266" */
  id: string;
  /** @example "Customer T&C on Data Processing" */
  document_name: string;
  /** @example "2020-02-12T17:28:53Z" */
  event_timestamp: Date;
  /** @example "2020-02-12T17:28:53Z" */
  created_at: Date;

  @ApiProperty({ type: 'string', nullable: true, example: '52054909a5d149b2a7430eee4ba6cc22' })
  signed_on_behalf_of: string | null;

  static from(event: TermsEvent): TermsEventDto {
    return {
      id: event.id,
      document_id: event.documentId,
      document_name: event.documentName,
      event_timestamp: event.eventTimestamp,
      created_at: event.createdAt,
      event_type: event.eventType,
      signed_by: event.signedBy,
      signed_on_behalf_of: event.signedOnBehalfOf,
      product_name: event.productName,
    };
  }
}
