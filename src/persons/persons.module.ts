import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { StorageModule } from '../common/storage/storage.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessesController } from './businesses.controller.js';
import { BusinessesService } from './businesses.service.js';
import { CustomerDocumentsService } from './customer-documents.service.js';
import { CustomersService } from './customers.service.js';
import { Business } from './entities/business.entity.js';
import { CustomerDocument } from './entities/customer-document.entity.js';
import { Person } from './entities/person.entity.js';
import { PersonsController } from './persons.controller.js';
import { PersonsService } from './persons.service.js';

/** Persons and businesses of partners, their documents, and the sandbox AML hook. */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    StorageModule,
    WebhooksModule,
    TypeOrmModule.forFeature([Person, Business, CustomerDocument]),
  ],
  controllers: [PersonsController, BusinessesController],
  providers: [PersonsService, BusinessesService, CustomersService, CustomerDocumentsService],
  exports: [CustomersService],
})
export class PersonsModule {}
