import { ApiProperty, IntersectionType } from '@nestjs/swagger';
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
import { DocumentFileField } from '../../common/storage/document-upload.decorator.js';
import { IsDateOnly, NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import { METADATA_PART } from '../multipart-metadata.interceptor.js';
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

/** The body field that carries the same key as `Idempotency-Key` on the item routes. */
export const ITEM_IDEMPOTENCY_KEY = 'idempotency_key';

/** Replays of the same key return the item created first. */
export class IdempotencyKeyField {
  @ApiProperty({
    required: false,
    description: 'A repeat with the same key returns the item created first (as Idempotency-Key).',
    example: '3b1f0b9e-item-0001',
    maxLength: 255,
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  [ITEM_IDEMPOTENCY_KEY]?: string;
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

class ItemDetailFields {
  @ApiProperty({
    required: false,
    description: "The item's name. Required unless `name` is given.",
    example: 'account_statement_01_04_2023_12365.pdf',
  })
  @ValidateIf(
    (dto: { document_name?: string; name?: string }) =>
      dto.document_name !== undefined || dto.name === undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  @EqualsWhenBothGiven('name')
  document_name?: string;

  @ApiProperty({
    required: false,
    description: "The item's description (optional).",
    example: 'Account statement April 2023',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  @EqualsWhenBothGiven('description')
  document_description?: string;

  @ApiProperty({
    required: false,
    enum: POSTBOX_DOCUMENT_TYPES,
    description: 'Required.',
    example: 'ACCOUNT_STATEMENT',
  })
  @IsIn(POSTBOX_DOCUMENT_TYPES)
  document_type: PostboxDocumentType;

  @ApiProperty({
    required: false,
    format: 'date',
    description: 'Required. YYYY-MM-DD.',
    example: '2023-04-01',
  })
  @IsDateOnly()
  document_date: string;

  @ApiProperty({
    required: false,
    description: 'Notify the customer. Default false.',
    example: true,
  })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_notification?: boolean;

  @ApiProperty({
    required: false,
    description: 'The customer must confirm the item. Default false.',
    example: false,
  })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_confirmation?: boolean;

  @ApiProperty({
    required: false,
    description:
      'Embed a PDF signature (the signer of generated documents) into the stored document; ' +
      '`document_size` is then the signed size. Only for PDFs; an encrypted, already signed or ' +
      'malformed PDF is refused with 400 on `file`. Default false.',
    example: true,
  })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  sign_document?: boolean;
}

/**
 * The details of an uploaded item, each a separate part or a member of the JSON `metadata` part.
 * `document_type`, `document_date` and `document_name` (or `name`) are required after the two are
 * merged (see MultipartMetadataInterceptor), so none of them is a required part.
 */
export class PostboxItemDetailsDto extends IntersectionType(
  ItemDetailFields,
  IdempotencyKeyField,
) {}

class UploadParts {
  @DocumentFileField()
  file?: unknown;

  /** Merged into the other fields before validation, so never validated as itself. */
  @ApiProperty({
    required: false,
    type: () => PostboxItemDetailsDto,
    description:
      'All item details as one JSON object (send this part as `Content-Type: application/json`), ' +
      'instead of separate parts. A detail given both here and as a separate part must be equal.',
    example: {
      document_name: 'account_statement_01_04_2023_12365.pdf',
      document_description: 'Account statement April 2023',
      document_type: 'ACCOUNT_STATEMENT',
      document_date: '2023-04-01',
      customer_notification: true,
      customer_confirmation: false,
      sign_document: true,
      idempotency_key: '3b1f0b9e-item-0001',
    },
  })
  [METADATA_PART]?: unknown;
}

/**
 * `POST /v1/persons/{person_id}/postbox` and the business twin: multipart `file` plus the item
 * details. The item's name is `document_name` (the Solaris spelling) or `name`, its description
 * `document_description` or `description`; both spellings may be given only with equal values.
 */
export class UploadPostboxItemDto extends IntersectionType(UploadParts, PostboxItemDetailsDto) {
  @ApiProperty({
    required: false,
    description: 'Same as `document_name`; when both are given they must be equal.',
    example: 'account_statement_01_04_2023_12365.pdf',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  name?: string;

  @ApiProperty({
    required: false,
    description: 'Same as `document_description`; when both are given they must be equal.',
    example: 'Account statement April 2023',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @NoSurroundingWhitespace()
  description?: string;
}
