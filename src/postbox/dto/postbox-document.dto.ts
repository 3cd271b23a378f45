import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsDateOnly } from '../../common/validation/solaris-validators.js';
import { POSTBOX_DOCUMENT_TYPES, type PostboxDocumentType } from '../postbox-document-types.js';

/** `POST /v1/postbox/documents` (sandbox): generate a PDF to attach to Postbox items. */
export class CreatePostboxDocumentDto {
  /** @example "ACCOUNT_STATEMENT" */
  @IsIn(POSTBOX_DOCUMENT_TYPES)
  document_type: PostboxDocumentType;

  /** @example "2021-06-30" */
  @IsDateOnly()
  document_date: string;

  /** Embed a PDF signature. @example true */
  @IsOptional()
  @IsBoolean()
  sign_document?: boolean;
}

export class PostboxDocumentIdDto {
  /** @example "e953cbf8af064839b3e3bf2568d1130fpbxd" */
  id: string;
}
