import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonsModule } from '../persons/persons.module.js';
import { TermsConsent } from './entities/terms-consent.entity.js';
import { TermsDocument } from './entities/terms-document.entity.js';
import { TermsEvent } from './entities/terms-event.entity.js';
import { TermsController } from './terms.controller.js';
import { TermsService } from './terms.service.js';

/** The registry of T&C documents and the consent events of persons (and their businesses). */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    TypeOrmModule.forFeature([TermsDocument, TermsEvent, TermsConsent]),
    PersonsModule,
  ],
  controllers: [TermsController],
  providers: [TermsService],
})
export class TermsModule {}
