import { applyDecorators, type Type, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiProperty,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';

/**
 * The `file` part of an upload DTO. Multer takes the file out of the body (the handler reads it
 * with @UploadedFile() and requireUpload), so the property is documentation only.
 */
export const DocumentFileField = (): PropertyDecorator =>
  ApiProperty({
    type: 'string',
    format: 'binary',
    required: true,
    description: 'The document: PDF, PNG or JPEG by content, at most MAX_UPLOAD_MB.',
  });

/** An upload of the document alone. */
export class DocumentFileDto {
  @DocumentFileField()
  file?: unknown;
}

/** More of the multipart body's documentation: a description and per-part content types. */
export interface FormBodyDocs {
  description?: string;
  encoding?: Record<string, { contentType: string }>;
}

/**
 * A multipart route taking one document in the field `file` (PDF, PNG or JPEG by content, at most
 * MAX_UPLOAD_MB), streamed to a temp file by the SniffingStorageEngine. `body` is the DTO that
 * validates the other parts and documents them with `file` (see DocumentFileField). List
 * @Idempotent() above it: Nest applies method decorators bottom-up, and the idempotency
 * interceptor must run after multer so the fingerprint sees the parsed upload.
 */
export const DocumentUpload = (body: Type<unknown> = DocumentFileDto, docs: FormBodyDocs = {}) =>
  applyDecorators(
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: body, description: docs.description, encoding: docs.encoding }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than MAX_UPLOAD_MB.' }),
    ApiUnsupportedMediaTypeResponse({ description: 'The content is not a PDF, PNG or JPEG.' }),
  );
