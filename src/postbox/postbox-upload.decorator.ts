import { applyDecorators, UseInterceptors } from '@nestjs/common';
import {
  DocumentUpload,
  type FormFieldSchema,
} from '../common/storage/document-upload.decorator.js';
import { METADATA_PART, MultipartMetadataInterceptor } from './multipart-metadata.interceptor.js';
import { POSTBOX_DOCUMENT_TYPES } from './postbox-document-types.js';

/** The item details, each a separate part or a member of `metadata`. */
const ITEM_FIELDS: Record<string, FormFieldSchema> = {
  document_name: {
    type: 'string',
    description: "The item's name. Required unless `name` is given.",
    example: 'account_statement_01_04_2023_12365.pdf',
  },
  document_description: {
    type: 'string',
    description: "The item's description (optional).",
    example: 'Account statement April 2023',
  },
  document_type: {
    type: 'string',
    enum: [...POSTBOX_DOCUMENT_TYPES],
    description: 'Required.',
    example: 'ACCOUNT_STATEMENT',
  },
  document_date: {
    type: 'string',
    format: 'date',
    description: 'Required. YYYY-MM-DD.',
    example: '2023-04-01',
  },
  customer_notification: {
    type: 'boolean',
    description: 'Notify the customer. Default false.',
    example: true,
  },
  customer_confirmation: {
    type: 'boolean',
    description: 'The customer must confirm the item. Default false.',
    example: false,
  },
  sign_document: {
    type: 'boolean',
    description:
      'Embed a PDF signature (the signer of generated documents) into the stored document; ' +
      '`document_size` is then the signed size. Only for PDFs; an encrypted, already signed or ' +
      'malformed PDF is refused with 400 on `file`. Default false.',
    example: true,
  },
  idempotency_key: {
    type: 'string',
    description: 'A repeat with the same key returns the item created first (as Idempotency-Key).',
    example: '3b1f0b9e-item-0001',
  },
};

const FIELDS: Record<string, FormFieldSchema> = {
  [METADATA_PART]: {
    type: 'object',
    description:
      'All item details as one JSON object (send this part as `Content-Type: application/json`), ' +
      'instead of separate parts. A detail given both here and as a separate part must be equal.',
    properties: ITEM_FIELDS,
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
  },
  ...ITEM_FIELDS,
  name: {
    type: 'string',
    description: 'Same as `document_name`; when both are given they must be equal.',
    example: 'account_statement_01_04_2023_12365.pdf',
  },
  description: {
    type: 'string',
    description: 'Same as `document_description`; when both are given they must be equal.',
    example: 'Account statement April 2023',
  },
};

const DESCRIPTION =
  'The document in `file` (PDF, PNG or JPEG) and the item details, either as one JSON `metadata` ' +
  'part or as separate parts with the same names (boolean parts hold `true`/`false`, sent as ' +
  'text or as `Content-Type: application/json`). `document_type`, `document_date` and ' +
  '`document_name` (or `name`) are required.';

/**
 * The Postbox upload as the Solaris docs describe it: multer parses the body, then
 * MultipartMetadataInterceptor flattens `metadata` into the DTO's shape. List @Idempotent() above
 * it, so that the idempotency interceptor runs after both.
 */
export const PostboxUpload = () =>
  applyDecorators(
    DocumentUpload(FIELDS, [], {
      description: DESCRIPTION,
      encoding: { [METADATA_PART]: { contentType: 'application/json' } },
    }),
    UseInterceptors(MultipartMetadataInterceptor),
  );
