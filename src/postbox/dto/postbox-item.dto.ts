import type { PostboxItem, PostboxOwnerType } from '../entities/postbox-item.entity.js';

export class PostboxItemDto {
  /** @example "c072c6e43f4d486cb553e9cd9fc1bae7pbxi" */
  id: string;
  /** The person or business id. @example "dc1a6812a14f6cc338cd084208535bcdcper" */
  belongs_to: string;
  /** @example "Person" */
  owner_type: PostboxOwnerType;
  /** @example "2021-10-22T05:23:30.000Z" */
  created_at: Date;
  /** @example "2021-06-30" */
  document_date: string;
  /** @example "BALANCE_CONFIRMATION" */
  document_type: string;
  /** @example "Balance confirmation for June 2021" */
  name: string;
  /** @example "Balance confirmation" */
  description: string | null;
  /** @example false */
  customer_notification: boolean;
  /** @example false */
  customer_confirmation: boolean;
  /** Bytes. @example 66092 */
  document_size: number;
  /** @example "application/pdf" */
  document_content_type: string;
  /** @example "e953cbf8af064839b3e3bf2568d1130fpbxd" */
  document_id: string;
  /** Set when the owning partner first downloads the document. @example false */
  has_been_read: boolean;
  /** Set by the first confirmation. @example false */
  has_been_confirmed: boolean;

  static from(item: PostboxItem): PostboxItemDto {
    return {
      id: item.id,
      belongs_to: item.belongsTo,
      owner_type: item.ownerType,
      created_at: item.createdAt,
      document_date: item.documentDate,
      document_type: item.documentType,
      name: item.name,
      description: item.description,
      customer_notification: item.customerNotification,
      customer_confirmation: item.customerConfirmation,
      document_size: item.documentSize,
      document_content_type: item.documentContentType,
      document_id: item.documentId,
      has_been_read: item.hasBeenRead,
      has_been_confirmed: item.hasBeenConfirmed,
    };
  }
}
