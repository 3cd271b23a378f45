import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { DocumentUpload } from '../common/storage/document-upload.decorator.js';
import { ITEM_IDEMPOTENCY_KEY, UploadPostboxItemDto } from './dto/create-postbox-item.dto.js';
import { METADATA_PART, MultipartMetadataInterceptor } from './multipart-metadata.interceptor.js';

const DESCRIPTION =
  'The document in `file` (PDF, PNG or JPEG) and the item details, either as one JSON `metadata` ' +
  'part or as separate parts with the same names (boolean parts hold `true`/`false`, sent as ' +
  'text or as `Content-Type: application/json`). `document_type`, `document_date` and ' +
  '`document_name` (or `name`) are required.';

/**
 * The Postbox upload as the Solaris docs describe it, in the order its interceptors run: multer
 * parses the body (limits and content sniffing as every upload), MultipartMetadataInterceptor
 * flattens `metadata` into UploadPostboxItemDto's shape, then the idempotency interceptor
 * fingerprints the merged fields, so an `idempotency_key` inside `metadata` is honoured. The DTO
 * validates the body and documents it.
 */
export const PostboxUpload = () =>
  applyDecorators(
    // applyDecorators applies these in order and each appends its interceptor: run order.
    DocumentUpload(UploadPostboxItemDto, {
      description: DESCRIPTION,
      encoding: { [METADATA_PART]: { contentType: 'application/json' } },
    }),
    UseInterceptors(MultipartMetadataInterceptor),
    Idempotent({ bodyKey: ITEM_IDEMPOTENCY_KEY }),
  );
