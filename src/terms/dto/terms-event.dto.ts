import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import {
  NoSurroundingWhitespace,
  parseTimestamp,
} from '../../common/validation/solaris-validators.js';
import type { TermsEvent } from '../entities/terms-event.entity.js';
import {
  TERMS_EVENT_TYPES,
  TERMS_PRODUCTS,
  type TermsEventType,
  type TermsProduct,
} from '../terms.constants.js';

/** An ISO 8601 date-time with a time zone (a date alone does not say when the customer acted). */
const IsDateTime = () =>
  ValidateBy({
    name: 'isDateTime',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && parseTimestamp(value)?.dateOnly === false,
      defaultMessage: () => 'must be an ISO 8601 date-time with a time zone',
    },
  });

/** `POST /v1/terms_and_conditions_events`. */
export class CreateTermsEventDto {
  /** A T&C document registered with this service (`…tcdc`). @example "3f31dd950cb6e2b28ac4b31d1b4bb321tcdc" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  document_id: string;

  /** UTC timestamp of when the customer approved/rejected the document. @example "2020-02-12T17:28:53Z" */
  @IsString()
  @IsDateTime()
  event_timestamp: string;

  @ApiProperty({
    enum: TERMS_EVENT_TYPES,
    example: 'APPROVED',
    description: 'The type of action that the customer took on the Terms & Conditions document.',
  })
  @IsIn(TERMS_EVENT_TYPES)
  event_type: TermsEventType;

  /** ID of the person who signed the Terms & Conditions document. @example "52054909a5d149b2a7430eee4ba6cc22" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  signed_by: string;

  /** (For business customers) ID of the business on whose behalf the person signs. @example "ebf7d72aec7ab75006aa164b3e0af893cbiz" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  signed_on_behalf_of?: string | null;

  @ApiProperty({
    enum: TERMS_PRODUCTS,
    example: 'DIGITAL_BANKING',
    description: 'The product the document applies to; must be the document’s product.',
  })
  @IsIn(TERMS_PRODUCTS)
  product_name: TermsProduct;
}

export class TermsEventDto {
  /** @example "2b5423a061514901a5a8791f2cb18266" */
  id: string;
  /** @example "3f31dd950cb6e2b28ac4b31d1b4bb321tcdc" */
  document_id: string;
  /** @example "Customer T&C on Data Processing" */
  document_name: string;
  /** @example "2020-02-12T17:28:53Z" */
  event_timestamp: Date;
  /** @example "2020-02-12T17:28:53Z" */
  created_at: Date;

  @ApiProperty({ enum: TERMS_EVENT_TYPES, example: 'APPROVED' })
  event_type: TermsEventType;

  /** @example "52054909a5d149b2a7430eee4ba6cc22" */
  signed_by: string;

  @ApiProperty({ type: 'string', nullable: true, example: '52054909a5d149b2a7430eee4ba6cc22' })
  signed_on_behalf_of: string | null;

  @ApiProperty({ enum: TERMS_PRODUCTS, example: 'DIGITAL_BANKING' })
  product_name: TermsProduct;

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
