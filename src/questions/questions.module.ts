import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonsModule } from '../persons/persons.module.js';
import { QuestionSet } from './entities/question-set.entity.js';
import { Question } from './entities/question.entity.js';
import { QuestionsController } from './questions.controller.js';
import { QuestionsService } from './questions.service.js';

/** Follow-up question sets for persons and businesses, and their answers. */
@Module({
  imports: [TypeOrmModule.forFeature([QuestionSet, Question]), PersonsModule],
  controllers: [QuestionsController],
  providers: [QuestionsService],
})
export class QuestionsModule {}
