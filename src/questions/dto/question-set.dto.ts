import { PickType } from '@nestjs/swagger';
import type { QuestionSet, QuestionSetStatus } from '../entities/question-set.entity.js';
import { entityIdOf } from '../entities/question-set.entity.js';
import type { Question } from '../entities/question.entity.js';
import {
  CreateQuestionSetDto,
  QuestionInput,
  QuestionSetRecipientInput,
} from './create-question-set.dto.js';

export class AnswerDto {
  /** @example "Here is my answer to the question" */
  response: string | null;
  /** @example "Optional notes" */
  partner_notes: string | null;
  /** @example ["3f9a2c4d5e6f708192a3b4c5d6e7f809cdoc"] */
  attachments: string[];
  /** @example true */
  ready_for_review: boolean;
}

export class QuestionDto extends PickType(QuestionInput, ['question', 'answer_type']) {
  /** @example "1f0130f81d84ed3c75b32c428d5d7d93cqst" */
  id: string;
  /** @example "2022-09-15T11:20:16.840Z" */
  deadline: Date;
  /** @example ["KYC_REPORT"] */
  allowed_document_types: string[];
  /** @example "2022-09-15T11:20:16.920Z" */
  created_at: Date;
  /** @example "2022-09-15T11:20:16.920Z" */
  updated_at: Date;
  /** Null until the question is first answered. */
  answer: AnswerDto | null;

  static from(question: Question): QuestionDto {
    return {
      id: question.id,
      question: question.question,
      answer_type: question.answerType,
      deadline: question.deadline,
      allowed_document_types: question.allowedDocumentTypes,
      created_at: question.createdAt,
      updated_at: question.updatedAt,
      answer: question.answeredAt
        ? {
            response: question.answerResponse,
            partner_notes: question.answerPartnerNotes,
            attachments: question.answerAttachments ?? [],
            ready_for_review: question.answerReadyForReview,
          }
        : null,
    };
  }
}

export class QuestionSetRecipientDto extends PickType(QuestionSetRecipientInput, [
  'recipient_type',
]) {
  /** @example "1fa130f81d84ed3c75b32c428d5d7d93cper" */
  recipient_id: string | null;
}

export class QuestionSetDto extends PickType(CreateQuestionSetDto, ['entity_id']) {
  /** @example "b4897de4ad4142faa0a7822b84edf597cqset" */
  id: string;
  /** @example "1fa130f81d84ed3c75b32c428d5d7d93ccnt" */
  context_id: string | null;
  /** @example "some description" */
  description: string | null;
  /** @example "2023-12-07T00:00:00.000Z" */
  deadline: Date;
  /** READY_FOR_REVIEW once every answer is ready for review. @example "OPEN" */
  status: QuestionSetStatus;
  recipient: QuestionSetRecipientDto;
  /** In the order they were asked. */
  questions: QuestionDto[];

  static from(set: QuestionSet, questions: Question[]): QuestionSetDto {
    return {
      id: set.id,
      entity_id: entityIdOf(set),
      context_id: set.contextId,
      description: set.description,
      deadline: set.deadline,
      status: set.status,
      recipient: { recipient_id: set.recipientId, recipient_type: set.recipientType },
      questions: questions.map((question) => QuestionDto.from(question)),
    };
  }
}
