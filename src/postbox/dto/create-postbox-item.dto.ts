import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { IsDateOnly, NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import { POSTBOX_DOCUMENT_TYPES, type PostboxDocumentType } from '../postbox-document-types.js';

/**
 * Multipart fields arrive as strings: "true"/"false" (also what a part sent as
 * `Content-Type: application/json` holds) become booleans, booleans from `metadata` stay, anything
 * else fails.
 */
const formBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Fails when the other field is given too and holds a different value. */
function EqualsWhenBothGiven(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'equalsWhenBothGiven',
      validator: {
        validate: (value: unknown, args) => {
          const given = (args?.object as Record<string, unknown>)[other];
          return given === undefined || given === value;
        },
        defaultMessage: () => `must equal ${other} when both are given`,
      },
    },
    options,
  );
}

/** Replays of the same key return the item created first. */
export class IdempotencyKeyField {
  /** @example "3b1f0b9e-item-0001" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  idempotency_key?: string;
}

/** `POST /v1/persons/{person_id}/postbox/items` and the business twin (sandbox), JSON. */
export class CreatePostboxItemDto extends IdempotencyKeyField {
  /** @example "Balance confirmation for June 2021" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  name: string;

  /** @example "Balance confirmation" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  description?: string;

  /** Notify the customer. @example false */
  @IsOptional()
  @IsBoolean()
  customer_notification?: boolean;

  /** The customer must confirm the item. @example false */
  @IsOptional()
  @IsBoolean()
  customer_confirmation?: boolean;

  /** A document from `POST /v1/postbox/documents`. @example "e953cbf8af064839b3e3bf2568d1130fpbxd" */
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @NoSurroundingWhitespace()
  document_id: string;
}

/**
 * `POST /v1/persons/{person_id}/postbox` and the business twin: multipart `file` plus these, as
 * separate parts or as members of a JSON `metadata` part (see MultipartMetadataInterceptor). The
 * item's name is `document_name` (the Solaris spelling) or `name`, its description
 * `document_description` or `description`; both spellings may be given only with equal values.
 */
export class UploadPostboxItemDto extends IdempotencyKeyField {
  /** @example "BALANCE_CONFIRMATION" */
  @IsIn(POSTBOX_DOCUMENT_TYPES)
  document_type: PostboxDocumentType;

  /** @example "2021-06-30" */
  @IsDateOnly()
  document_date: string;

  /**
   * The item's name; required unless `name` is given.
   * @example "account_statement_01_04_2023_12365.pdf"
   */
  @ValidateIf(
    (dto: UploadPostboxItemDto) => dto.document_name !== undefined || dto.name === undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  @EqualsWhenBothGiven('name')
  document_name?: string;

  /** Same as `document_name`. @example "account_statement_01_04_2023_12365.pdf" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  name?: string;

  /** @example "Account statement April 2023" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  @EqualsWhenBothGiven('description')
  document_description?: string;

  /** Same as `document_description`. @example "Account statement April 2023" */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  description?: string;

  /** Notify the customer. @example false */
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_notification?: boolean;

  /** The customer must confirm the item. @example false */
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_confirmation?: boolean;

  /** Embed a PDF signature into the uploaded document (PDF uploads only). @example false */
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  sign_document?: boolean;
}
