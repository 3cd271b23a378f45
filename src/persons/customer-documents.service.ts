import { Injectable } from '@nestjs/common';
import type { Principal } from '../common/auth/principal.js';
import { newSolarisId } from '../common/ids/ids.js';
import { FileStorage, type Upload } from '../common/storage/file-storage.service.js';
import { sanitizeFileName } from '../common/storage/file-types.js';
import { Transactions } from '../database/transactions.js';
import { CustomersService, type CustomerType } from './customers.service.js';
import type { CreateCustomerDocumentDto } from './dto/customer-document.dto.js';
import { CustomerDocument } from './entities/customer-document.entity.js';
import { CUSTOMER_DOCUMENT } from './customer.models.js';

@Injectable()
export class CustomerDocumentsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly storage: FileStorage,
  ) {}

  /** Stores an uploaded document for a person or business the caller may write to. */
  upload(
    caller: Principal,
    ownerType: CustomerType,
    ownerId: string,
    dto: CreateCustomerDocumentDto,
    upload: Upload,
  ): Promise<CustomerDocument> {
    return this.transactions.run(async (tx) => {
      const owner = await this.customers.customer(caller, ownerType, ownerId, 'write');
      const stored = await this.storage.store(upload);
      const documents = tx.getRepository(CustomerDocument);
      return documents.save(
        documents.create({
          id: newSolarisId(CUSTOMER_DOCUMENT),
          personId: owner.type === 'Person' ? owner.id : null,
          businessId: owner.type === 'Business' ? owner.id : null,
          documentType: dto.document_type,
          fileId: stored.id,
          fileName: sanitizeFileName(upload.originalname),
          fileSize: stored.size,
          contentType: stored.contentType,
        }),
      );
    });
  }
}
