import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';

/** OpenAPI schema of one form field (`object`: a part holding JSON, see `encoding`). */
export interface FormFieldSchema {
  type: 'string' | 'boolean' | 'integer' | 'object';
  format?: string;
  enum?: string[];
  example?: unknown;
  description?: string;
  properties?: Record<string, FormFieldSchema>;
}

/** More of the multipart body's documentation: a description and per-part content types. */
export interface FormBodyDocs {
  description?: string;
  encoding?: Record<string, { contentType: string }>;
}

/**
 * A multipart route taking one document in the field `file` (PDF, PNG or JPEG by content, at most
 * MAX_UPLOAD_MB), streamed to a temp file by the SniffingStorageEngine. `fields` documents the
 * other form fields, `docs` the body as a whole. List @Idempotent() above it: Nest applies method
 * decorators bottom-up, and the idempotency interceptor must run after multer so the fingerprint
 * sees the parsed upload.
 */
export const DocumentUpload = (
  fields: Record<string, FormFieldSchema> = {},
  required: string[] = [],
  docs: FormBodyDocs = {},
) =>
  applyDecorators(
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description: docs.description,
      encoding: docs.encoding,
      schema: {
        type: 'object',
        required: ['file', ...required],
        properties: { file: { type: 'string', format: 'binary' }, ...fields },
      },
    }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than MAX_UPLOAD_MB.' }),
    ApiUnsupportedMediaTypeResponse({ description: 'The content is not a PDF, PNG or JPEG.' }),
  );
