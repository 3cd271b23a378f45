import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateOnly, NoSurroundingWhitespace } from '../../common/validation/solaris-validators.js';
import { POSTBOX_DOCUMENT_TYPES, type PostboxDocumentType } from '../postbox-document-types.js';

/** Multipart fields arrive as strings: "true"/"false" become booleans, anything else fails. */
const formBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

class PostboxItemFields {
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

  /** Replays of the same key return the item created first. @example "3b1f0b9e-item-0001" */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @NoSurroundingWhitespace()
  idempotency_key?: string;
}

/** `POST /v1/persons/{person_id}/postbox/items` and the business twin (sandbox), JSON. */
export class CreatePostboxItemDto extends PostboxItemFields {
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

/** `POST /v1/persons/{person_id}/postbox` and the business twin: multipart `file` plus these. */
export class UploadPostboxItemDto extends PostboxItemFields {
  /** @example "BALANCE_CONFIRMATION" */
  @IsIn(POSTBOX_DOCUMENT_TYPES)
  document_type: PostboxDocumentType;

  /** @example "2021-06-30" */
  @IsDateOnly()
  document_date: string;

  /** "true" or "false". @example false */
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_notification?: boolean;

  /** "true" or "false". @example false */
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  customer_confirmation?: boolean;
}
