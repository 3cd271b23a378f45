import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ConflictError, ForbiddenActionError } from '../common/errors/api-error.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { ChildIdParam, SolarisIdParam } from '../common/routes/id-params.js';
import { AnswerQuestionDto } from './dto/answer-question.dto.js';
import { CreateQuestionSetDto } from './dto/create-question-set.dto.js';
import { QuestionDto, QuestionSetDto } from './dto/question-set.dto.js';
import { QUESTION, QUESTION_SET } from './questions.models.js';
import { DeadlinePassedError, QuestionsService, UNKNOWN_ENTITY } from './questions.service.js';

@ApiTags('questions')
@Controller('v1/question_set')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Post()
  @Idempotent()
  @Endpoint({
    summary: 'Create a question set for a person or business (staff)',
    access: 'staff',
    errors: [UNKNOWN_ENTITY()],
  })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateQuestionSetDto,
  ): Promise<QuestionSetDto> {
    const { set, questions } = await this.questions.create(caller, dto);
    return QuestionSetDto.from(set, questions);
  }

  @Get(':question_set_id')
  @Endpoint({ summary: 'Retrieve a question set with its questions and their answers' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('question_set_id', QUESTION_SET) setId: string,
  ): Promise<QuestionSetDto> {
    const { set, questions } = await this.questions.get(caller, setId);
    return QuestionSetDto.from(set, questions);
  }

  @Patch(':question_set_id/questions/:question_id/answer')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @Endpoint({
    summary: 'Create or update the answer to a question of a question set',
    errors: [
      new DeadlinePassedError(
        `The deadline of question set '${QUESTION_SET.example}' passed at 2023-12-07T00:00:00.000Z.`,
      ),
      new ForbiddenActionError(),
      new ConflictError(
        `Question set '${QUESTION_SET.example}' is READY_FOR_REVIEW: its answers can no longer be changed.`,
      ),
    ],
  })
  async answer(
    @CurrentUser() caller: Principal,
    @SolarisIdParam('question_set_id', QUESTION_SET) setId: string,
    @ChildIdParam('question_id', QUESTION) questionId: string,
    @Body() dto: AnswerQuestionDto,
  ): Promise<QuestionDto> {
    return QuestionDto.from(await this.questions.answer(caller, setId, questionId, dto));
  }
}
