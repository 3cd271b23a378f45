import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, StaffOnly } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';
import { AnswerQuestionDto } from './dto/answer-question.dto.js';
import { CreateQuestionSetDto } from './dto/create-question-set.dto.js';
import { QuestionDto, QuestionSetDto } from './dto/question-set.dto.js';
import { QuestionsService } from './questions.service.js';

@ApiTags('questions')
@Controller('v1/question_set')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Post()
  @Idempotent()
  @StaffOnly()
  @ApiOperation({ summary: 'Create a question set for a person or business (staff)' })
  async create(
    @CurrentUser() caller: Principal,
    @Body() dto: CreateQuestionSetDto,
  ): Promise<QuestionSetDto> {
    const { set, questions } = await this.questions.create(caller, dto);
    return QuestionSetDto.from(set, questions);
  }

  @Get(':question_set_id')
  @ApiOperation({ summary: 'Retrieve a question set with its questions and their answers' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @Param('question_set_id') setId: string,
  ): Promise<QuestionSetDto> {
    const { set, questions } = await this.questions.get(caller, setId);
    return QuestionSetDto.from(set, questions);
  }

  @Patch(':question_set_id/questions/:question_id/answer')
  @Idempotent()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Create or update the answer to a question of a question set' })
  async answer(
    @CurrentUser() caller: Principal,
    @Param('question_set_id') setId: string,
    @Param('question_id') questionId: string,
    @Body() dto: AnswerQuestionDto,
  ): Promise<QuestionDto> {
    return QuestionDto.from(await this.questions.answer(caller, setId, questionId, dto));
  }
}
