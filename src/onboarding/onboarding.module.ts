import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { StorageModule } from '../common/storage/storage.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  DEFAULT_ONBOARDING_CHECKLISTS,
  OnboardingChecklists,
} from './checklists/onboarding-checklists.js';
import { VerificationChecklistsService } from './checklists/verification-checklists.service.js';
import { CustomersController } from './customers.controller.js';
import { CustomersService } from './customers.service.js';
import { ChecklistAnswer, ChecklistCompletion } from './entities/checklist-completion.entity.js';
import { Customer } from './entities/customer.entity.js';
import { COMPANY_REGISTRIES, type CompanyRegistry } from './registry/company-registry.js';
import { SandboxCompanyRegistry } from './registry/sandbox-registry.js';
import { JustificationDocument } from './entities/justification-document.entity.js';
import { Justification } from './entities/justification.entity.js';
import { Verification } from './entities/verification.entity.js';
import { JustificationDocumentsController } from './justification-documents.controller.js';
import { JustificationsController } from './justifications.controller.js';
import { JustificationsService } from './justifications.service.js';
import { OnboardingDocuments } from './onboarding.documents.js';
import { OnboardingJobs } from './onboarding.jobs.js';
import { OnboardingViews } from './onboarding.views.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsService } from './verifications.service.js';
import { AppConfig } from '../config/app-config.js';

/** Waldur-compatible company onboarding: verifications, justifications and their documents. */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    SchedulingModule,
    StorageModule,
    WebhooksModule,
    TypeOrmModule.forFeature([
      Verification,
      Justification,
      JustificationDocument,
      ChecklistCompletion,
      ChecklistAnswer,
      Customer,
    ]),
  ],
  controllers: [
    VerificationsController,
    JustificationsController,
    JustificationDocumentsController,
    CustomersController,
  ],
  providers: [
    VerificationsService,
    JustificationsService,
    VerificationChecklistsService,
    CustomersService,
    {
      provide: OnboardingChecklists,
      useFactory: () => new OnboardingChecklists(DEFAULT_ONBOARDING_CHECKLISTS),
    },
    {
      // No real registry is wired yet: the sandbox answers every method, production escalates
      // every automated verification to manual review (NO_BACKEND_AVAILABLE).
      provide: COMPANY_REGISTRIES,
      inject: [AppConfig],
      useFactory: (config: AppConfig): CompanyRegistry[] =>
        config.sandbox ? [new SandboxCompanyRegistry()] : [],
    },
    OnboardingViews,
    OnboardingDocuments,
    OnboardingJobs,
  ],
  exports: [VerificationsService, JustificationsService],
})
export class OnboardingModule {}
