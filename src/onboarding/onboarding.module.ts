import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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

/** Waldur-compatible company onboarding: verifications, justifications and their documents. */
@Module({
  imports: [TypeOrmModule.forFeature([Verification, Justification, JustificationDocument])],
  controllers: [
    VerificationsController,
    JustificationsController,
    JustificationDocumentsController,
  ],
  providers: [
    VerificationsService,
    JustificationsService,
    OnboardingViews,
    OnboardingDocuments,
    OnboardingJobs,
  ],
  exports: [VerificationsService, JustificationsService],
})
export class OnboardingModule {}
