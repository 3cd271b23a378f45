import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';

/** OpenAPI schema of one form field. */
export interface FormFieldSchema {
  type: 'string' | 'boolean' | 'integer';
  format?: string;
  enum?: string[];
  example?: unknown;
  description?: string;
}

/**
 * A multipart route taking one document in the field `file` (PDF, PNG or JPEG by content, at most
 * MAX_UPLOAD_MB), streamed to a temp file by the SniffingStorageEngine. `fields` documents the
 * other form fields. List @Idempotent() above it: Nest applies method decorators bottom-up, and the
 * idempotency interceptor must run after multer so the fingerprint sees the parsed upload.
 */
export const DocumentUpload = (
  fields: Record<string, FormFieldSchema> = {},
  required: string[] = [],
) =>
  applyDecorators(
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file', ...required],
        properties: { file: { type: 'string', format: 'binary' }, ...fields },
      },
    }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than MAX_UPLOAD_MB.' }),
    ApiUnsupportedMediaTypeResponse({ description: 'The content is not a PDF, PNG or JPEG.' }),
  );
