import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { StorageModule } from '../common/storage/storage.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonsModule } from '../persons/persons.module.js';
import { PostboxConfirmation } from './entities/postbox-confirmation.entity.js';
import { PostboxDocument } from './entities/postbox-document.entity.js';
import { PostboxItem } from './entities/postbox-item.entity.js';
import { PostboxSigner } from './pdf/postbox-signer.js';
import { PostboxController } from './postbox.controller.js';
import { PostboxService } from './postbox.service.js';

/** Postbox documents, items and confirmations of persons and businesses. */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    StorageModule,
    WebhooksModule,
    TypeOrmModule.forFeature([PostboxDocument, PostboxItem, PostboxConfirmation]),
    PersonsModule,
  ],
  controllers: [PostboxController],
  providers: [PostboxService, PostboxSigner],
})
export class PostboxModule {}
