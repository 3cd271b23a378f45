import { DocumentFileDto } from '../../common/storage/document-upload.decorator.js';
import type { CustomerDocument } from '../entities/customer-document.entity.js';
import { CodeField } from './customer-fields.dto.js';

/** Form fields beside `file` on `POST /v1/persons/{id}/documents` and the business twin. */
export class CreateCustomerDocumentDto extends DocumentFileDto {
  @CodeField({ example: 'KYC_REPORT', description: 'Upper-case Solaris document type' })
  document_type: string;
}

export class CustomerDocumentDto {
  /** @example "3f9a2c4d5e6f708192a3b4c5d6e7f809cdoc" */
  id: string;
  /** @example "KYC_REPORT" */
  document_type: string;
  /** @example "kyc-report-2026.pdf" */
  file_name: string;
  /** @example 48213 */
  file_size: number;
  /** Detected from the content. @example "application/pdf" */
  content_type: string;
  /** @example "2026-11-21T10:00:00.000Z" */
  created_at: Date;

  static from(document: CustomerDocument): CustomerDocumentDto {
    return {
      id: document.id,
      document_type: document.documentType,
      file_name: document.fileName,
      file_size: document.fileSize,
      content_type: document.contentType,
      created_at: document.createdAt,
    };
  }
}
