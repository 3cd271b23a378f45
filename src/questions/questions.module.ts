import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonsModule } from '../persons/persons.module.js';
import { QuestionSet } from './entities/question-set.entity.js';
import { Question } from './entities/question.entity.js';
import { QuestionsController } from './questions.controller.js';
import { QuestionsService } from './questions.service.js';

/** Follow-up question sets for persons and businesses, and their answers. */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    WebhooksModule,
    TypeOrmModule.forFeature([QuestionSet, Question]),
    PersonsModule,
  ],
  controllers: [QuestionsController],
  providers: [QuestionsService],
})
export class QuestionsModule {}
