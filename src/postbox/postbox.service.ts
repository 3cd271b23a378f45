import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ForbiddenActionError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { isSolarisId, newSolarisId } from '../common/ids/ids.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import type { StoredFile } from '../common/storage/entities/stored-file.entity.js';
import { FileStorage, type Upload } from '../common/storage/file-storage.service.js';
import { timeBoundsOf, withinBounds } from '../common/validation/time-range.js';
import { Transactions } from '../database/transactions.js';
import { CustomersService, type CustomerRef } from '../persons/customers.service.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import type { CreateConfirmationDto } from './dto/confirmation.dto.js';
import type { CreatePostboxItemDto, UploadPostboxItemDto } from './dto/create-postbox-item.dto.js';
import type { CreatePostboxDocumentDto } from './dto/postbox-document.dto.js';
import { PostboxItemDto } from './dto/postbox-item.dto.js';
import type { ConfirmationsQuery, PostboxItemsQuery } from './dto/postbox-queries.dto.js';
import { PostboxConfirmation } from './entities/postbox-confirmation.entity.js';
import { PostboxDocument } from './entities/postbox-document.entity.js';
import { PostboxItem, type PostboxOwnerType } from './entities/postbox-item.entity.js';
import { renderPostboxPdf } from './pdf/postbox-pdf.js';
import { postboxItemsQuery } from './postbox-items.query.js';
import { PostboxSigner } from './pdf/postbox-signer.js';
import { UnsignablePdfError, withSignaturePlaceholder } from './pdf/uploaded-pdf.js';
import { POSTBOX_CONFIRMATION, POSTBOX_DOCUMENT, POSTBOX_ITEM } from './postbox.models.js';

type ItemAccess = 'read' | 'write';

/** An upload names its item with either spelling; validation made sure both agree when given. */
function uploadedItemFields(dto: UploadPostboxItemDto) {
  return {
    name: (dto.document_name ?? dto.name)!,
    description: dto.document_description ?? dto.description,
    customer_notification: dto.customer_notification,
    customer_confirmation: dto.customer_confirmation,
  };
}

@Injectable()
export class PostboxService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly storage: FileStorage,
    private readonly signer: PostboxSigner,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly webhooks: WebhookOutbox,
  ) {}

  private get items() {
    return this.transactions.manager.getRepository(PostboxItem);
  }

  /** Sandbox: renders a PDF for the type and date (signed on request) and keeps it. */
  async generateDocument(
    caller: Principal,
    dto: CreatePostboxDocumentDto,
  ): Promise<PostboxDocument> {
    const id = newSolarisId(POSTBOX_DOCUMENT);
    const now = new Date();
    const sign = dto.sign_document === true;
    const unsigned = await renderPostboxPdf({
      documentId: id,
      documentType: dto.document_type,
      documentDate: dto.document_date,
      signable: sign,
      now,
    });
    const pdf = sign ? await this.signer.sign(unsigned, now) : unsigned;
    return this.transactions.run(async (tx) => {
      const stored = await this.storage.storeBuffer(pdf, 'application/pdf');
      const documents = tx.getRepository(PostboxDocument);
      return documents.save(
        documents.create({
          id,
          partnerId: caller.id,
          documentType: dto.document_type,
          documentDate: dto.document_date,
          signed: sign,
          fileId: stored.id,
        }),
      );
    });
  }

  /** Sandbox: an item for a person or business of the caller, showing a generated document. */
  createItem(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    dto: CreatePostboxItemDto,
  ): Promise<PostboxItem> {
    return this.transactions.run(async (tx) => {
      const owner = await this.customers.customer(caller, ownerType, ownerId, 'write');
      const document = isSolarisId(dto.document_id, POSTBOX_DOCUMENT)
        ? await tx
            .getRepository(PostboxDocument)
            .findOneBy({ id: dto.document_id, partnerId: owner.partnerId })
        : null;
      if (!document) {
        throw ValidationFailedError.field(
          'document_id',
          'must be a Postbox document created by the owner of the person or business',
        );
      }
      const file = await this.storage.get(document.fileId);
      return this.saveItem(owner, dto, document, file!);
    });
  }

  /**
   * An item from an uploaded file, signed on request (PDFs only). In the sandbox partners deliver
   * to their own customers; in production only staff deliver documents.
   */
  uploadItem(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    dto: UploadPostboxItemDto,
    upload: Upload,
  ): Promise<PostboxItem> {
    return this.transactions.run(async (tx) => {
      const owner = await this.customers.customer(caller, ownerType, ownerId, 'write');
      if (!this.config.sandbox && !caller.isStaff) {
        throw new ForbiddenActionError('Only staff deliver Postbox documents outside the sandbox.');
      }
      const sign = dto.sign_document === true;
      const stored = sign
        ? await this.storage.storeBuffer(await this.signUpload(dto, upload), 'application/pdf')
        : await this.storage.store(upload);
      const documents = tx.getRepository(PostboxDocument);
      const document = await documents.save(
        documents.create({
          id: newSolarisId(POSTBOX_DOCUMENT),
          partnerId: owner.partnerId,
          documentType: dto.document_type,
          documentDate: dto.document_date,
          signed: sign,
          fileId: stored.id,
        }),
      );
      return this.saveItem(owner, uploadedItemFields(dto), document, stored);
    });
  }

  /** One owner's items, newest first, filtered by type and creation time. */
  async listItems(
    caller: Principal,
    ownerType: PostboxOwnerType,
    ownerId: string,
    query: PostboxItemsQuery,
    window: PageWindow,
  ): Promise<Page<PostboxItem>> {
    const bounds = timeBoundsOf(query.filter?.created_at, 'filter.created_at');
    const owner = await this.customers.customer(caller, ownerType, ownerId);
    const qb = postboxItemsQuery(
      this.transactions.manager,
      owner.id,
      { types: query.filter?.document_type?.split(','), bounds },
      window,
    );
    const [items, total] = await qb.getManyAndCount();
    return pageOf(items, total, window);
  }

  getItem(caller: Principal, itemId: string): Promise<PostboxItem> {
    return this.item(caller, itemId, 'read');
  }

  /**
   * The item's document. The owning partner's first download marks the item read; downloads
   * by staff or support (who are not the customer's channel) do not.
   */
  async document(
    caller: Principal,
    itemId: string,
  ): Promise<{ item: PostboxItem; file: StoredFile }> {
    const item = await this.item(caller, itemId, 'read');
    const file = await this.storage.get(item.fileId);
    if (item.partnerId === caller.id && !item.hasBeenRead) {
      await this.items.update({ id: item.id, hasBeenRead: false }, { hasBeenRead: true });
    }
    return { item, file: file! };
  }

  /** Records a person's confirmation; the item then counts as confirmed. */
  confirm(
    caller: Principal,
    itemId: string,
    dto: CreateConfirmationDto,
  ): Promise<PostboxConfirmation> {
    return this.transactions.run(async (tx) => {
      const item = await this.item(caller, itemId, 'write');
      if (item.ownerType === 'Person' && dto.person_id !== item.belongsTo) {
        throw ValidationFailedError.field(
          'person_id',
          'must be the person the Postbox item belongs to',
        );
      }
      if (!(await this.customers.personOfPartner(item.partnerId, dto.person_id))) {
        throw ValidationFailedError.field('person_id', 'must be an existing person of yours');
      }
      const confirmations = tx.getRepository(PostboxConfirmation);
      const confirmation = await confirmations.save(
        confirmations.create({
          id: newSolarisId(POSTBOX_CONFIRMATION),
          itemId: item.id,
          personId: dto.person_id,
        }),
      );
      await tx.getRepository(PostboxItem).update({ id: item.id }, { hasBeenConfirmed: true });
      await this.audit.record({
        actorId: caller.id,
        action: 'postbox.item_confirmed',
        objectType: 'postbox_item',
        objectId: item.id,
        before: { has_been_confirmed: item.hasBeenConfirmed },
        after: {
          has_been_confirmed: true,
          confirmation_id: confirmation.id,
          person_id: confirmation.personId,
        },
      });
      return confirmation;
    });
  }

  async listConfirmations(
    caller: Principal,
    itemId: string,
    query: ConfirmationsQuery,
    window: PageWindow,
  ): Promise<Page<PostboxConfirmation>> {
    const bounds = timeBoundsOf(query.filter?.created_at, 'filter.created_at');
    const item = await this.item(caller, itemId, 'read');
    const qb = this.transactions.manager
      .getRepository(PostboxConfirmation)
      .createQueryBuilder('confirmation')
      .where('confirmation.item_id = :itemId', { itemId: item.id })
      .orderBy('confirmation.confirmedAt', 'DESC')
      .addOrderBy('confirmation.id', 'DESC')
      .offset(window.skip)
      .limit(window.take);
    withinBounds(qb, 'confirmation.confirmed_at', bounds);
    const [confirmations, total] = await qb.getManyAndCount();
    return pageOf(confirmations, total, window);
  }

  async getConfirmation(
    caller: Principal,
    itemId: string,
    confirmationId: string,
  ): Promise<PostboxConfirmation> {
    const item = await this.item(caller, itemId, 'read');
    const confirmation = isSolarisId(confirmationId, POSTBOX_CONFIRMATION)
      ? await this.transactions.manager
          .getRepository(PostboxConfirmation)
          .findOneBy({ id: confirmationId, itemId: item.id })
      : null;
    if (!confirmation) throw new ModelNotFoundError('PostboxConfirmation', confirmationId);
    return confirmation;
  }

  /** The uploaded PDF with an embedded signature; 400 for other types and unsignable PDFs. */
  private async signUpload(dto: UploadPostboxItemDto, upload: Upload): Promise<Buffer> {
    if (upload.detectedType !== 'application/pdf') {
      throw ValidationFailedError.field('sign_document', 'can only be true for a PDF document');
    }
    if (!this.signer.available) {
      throw ValidationFailedError.field(
        'sign_document',
        'cannot be true: document signing is not configured on this service',
      );
    }
    const now = new Date();
    let prepared: Buffer;
    try {
      prepared = await withSignaturePlaceholder(await readFile(upload.path), {
        reason: `Postbox ${dto.document_type} ${dto.document_date}`,
        signingTime: now,
      });
    } catch (error) {
      if (error instanceof UnsignablePdfError) {
        throw ValidationFailedError.field('file', error.message);
      }
      throw error;
    }
    return this.signer.sign(prepared, now);
  }

  /** The item if the caller may see it (404 otherwise, as if absent), and write to it if asked. */
  private async item(caller: Principal, itemId: string, access: ItemAccess): Promise<PostboxItem> {
    const item = isSolarisId(itemId, POSTBOX_ITEM)
      ? await this.items.findOneBy({ id: itemId })
      : null;
    const own = item?.partnerId === caller.id;
    if (!item || (!own && !canReadAll(caller))) throw new ModelNotFoundError('PostboxItem', itemId);
    if (access === 'write' && !own && !caller.isStaff) throw new ForbiddenActionError();
    return item;
  }

  /** Saves the item and announces it (POSTBOX_ITEM_CREATED) in the same transaction. */
  private async saveItem(
    owner: CustomerRef,
    fields: {
      name: string;
      description?: string;
      customer_notification?: boolean;
      customer_confirmation?: boolean;
    },
    document: PostboxDocument,
    file: StoredFile,
  ): Promise<PostboxItem> {
    const item = await this.items.save(
      this.items.create({
        id: newSolarisId(POSTBOX_ITEM),
        belongsTo: owner.id,
        ownerType: owner.type,
        partnerId: owner.partnerId,
        documentDate: document.documentDate,
        documentType: document.documentType,
        name: fields.name,
        description: fields.description ?? null,
        customerNotification: fields.customer_notification ?? false,
        customerConfirmation: fields.customer_confirmation ?? false,
        documentId: document.id,
        fileId: file.id,
        documentSize: file.size,
        documentContentType: file.contentType,
      }),
    );
    await this.webhooks.publish({
      eventType: 'POSTBOX_ITEM_CREATED',
      entityId: item.belongsTo,
      ownerId: item.partnerId,
      body: PostboxItemDto.from(item),
    });
    return item;
  }
}
