import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ApiError,
  ConflictError,
  ForbiddenActionError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { isSolarisId, newSolarisId } from '../common/ids/ids.js';
import { lockedQuery, type Transaction, Transactions } from '../database/transactions.js';
import { CustomersService, type CustomerRef } from '../persons/customers.service.js';
import { Business } from '../persons/entities/business.entity.js';
import { Person } from '../persons/entities/person.entity.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import type { AnswerQuestionDto } from './dto/answer-question.dto.js';
import type { CreateQuestionSetDto } from './dto/create-question-set.dto.js';
import { QuestionSetDto } from './dto/question-set.dto.js';
import { entityIdOf, QuestionSet } from './entities/question-set.entity.js';
import { Question } from './entities/question.entity.js';
import { BUSINESS, PERSON } from '../persons/customer.models.js';
import { QUESTION, QUESTION_SET } from './questions.models.js';

/** What a customer's vetting and risk statuses become once the answers are in. */
export const INFORMATION_RECEIVED = 'INFORMATION_RECEIVED';

/** An answer written after its set's or question's deadline. */
export class DeadlinePassedError extends ApiError {
  constructor(message: string) {
    super(HttpStatus.BAD_REQUEST, 'validation_error', message);
  }
}

/** `entity_id` names no person or business (a body field, so a 400 rather than a 404). */
export const UNKNOWN_ENTITY = () =>
  ValidationFailedError.field('entity_id', 'must be the id of an existing person or business');

export interface QuestionSetWithQuestions {
  set: QuestionSet;
  questions: Question[];
}

/**
 * Question sets: staff ask a person or business follow-up questions; the partner owning that
 * customer answers each one. When the last answer is marked ready for review, the set goes to
 * review and the customer's vetting and risk statuses become INFORMATION_RECEIVED, all in the
 * answer's transaction.
 */
@Injectable()
export class QuestionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookOutbox,
  ) {}

  /** Staff ask; the set is OPEN until every answer is ready for review. */
  create(caller: Principal, dto: CreateQuestionSetDto): Promise<QuestionSetWithQuestions> {
    const now = new Date();
    const deadline = new Date(dto.deadline);
    if (deadline <= now) throw ValidationFailedError.field('deadline', 'must be in the future');
    const questionDeadlines = dto.questions.map((question, index) => {
      if (question.deadline === undefined) return deadline;
      const own = new Date(question.deadline);
      const field = `questions.${index}.deadline`;
      if (own <= now) throw ValidationFailedError.field(field, 'must be in the future');
      if (own > deadline) {
        throw ValidationFailedError.field(
          field,
          "must not be later than the question set's deadline",
        );
      }
      return own;
    });
    dto.questions.forEach((question, index) => {
      if (question.answer_type === 'TEXT_ONLY' && question.allowed_document_types?.length) {
        throw ValidationFailedError.field(
          `questions.${index}.allowed_document_types`,
          'must be empty for a TEXT_ONLY question',
        );
      }
    });

    return this.transactions.run(async (tx) => {
      const entity = await this.entity(caller, dto.entity_id);
      const sets = tx.getRepository(QuestionSet);
      const set = await sets.save(
        sets.create({
          id: newSolarisId(QUESTION_SET),
          personId: entity.type === 'Person' ? entity.id : null,
          businessId: entity.type === 'Business' ? entity.id : null,
          partnerId: entity.partnerId,
          createdById: caller.id,
          contextId: dto.context_id ?? null,
          description: dto.description ?? null,
          deadline,
          status: 'OPEN',
          recipientId: dto.recipient.recipient_id ?? null,
          recipientType: dto.recipient.recipient_type,
        }),
      );
      const repository = tx.getRepository(Question);
      const questions = await repository.save(
        dto.questions.map((question, position) =>
          repository.create({
            id: newSolarisId(QUESTION),
            questionSetId: set.id,
            position,
            question: question.question,
            answerType: question.answer_type,
            allowedDocumentTypes: question.allowed_document_types ?? [],
            deadline: questionDeadlines[position],
          }),
        ),
      );
      await this.audit.record({
        actorId: caller.id,
        action: 'question_set.created',
        objectType: 'question_set',
        objectId: set.id,
        after: {
          entity_id: entity.id,
          deadline: set.deadline.toISOString(),
          question_ids: questions.map((question) => question.id),
        },
      });
      // In this transaction: the partner learns of the set only if the set commits, and then always.
      await this.webhooks.publish({
        eventType: 'QUESTIONS_REQUIRE_RESPONSE',
        entityId: entity.id,
        ownerId: entity.partnerId,
        body: { question_set_id: set.id, ...QuestionSetDto.from(set, questions) },
      });
      return { set, questions };
    });
  }

  /** The set with its questions, for the owner of its customer, staff and support. */
  async get(caller: Principal, setId: string): Promise<QuestionSetWithQuestions> {
    const set = await this.visibleSet(caller, setId);
    const questions = await this.transactions.manager
      .getRepository(Question)
      .find({ where: { questionSetId: set.id }, order: { position: 'ASC' } });
    return { set, questions };
  }

  /**
   * Writes (or rewrites) the answer to one question. The set row is locked first, so answers to
   * one set are serialized: of two answers completing a set at once, the later sees the earlier
   * and makes the transition exactly once; an answer arriving after it gets the 409.
   */
  answer(
    caller: Principal,
    setId: string,
    questionId: string,
    dto: AnswerQuestionDto,
  ): Promise<Question> {
    return this.transactions.run(async (tx) => {
      const set = await this.visibleSet(caller, setId, tx);
      if (set.partnerId !== caller.id && !caller.isStaff) throw new ForbiddenActionError();
      // The question id is checked here, after the set's visibility (see ChildIdParam).
      const question = isSolarisId(questionId, QUESTION)
        ? await tx.getRepository(Question).findOneBy({ id: questionId, questionSetId: set.id })
        : null;
      if (!question) throw new ModelNotFoundError(QUESTION.name, questionId);
      if (set.status !== 'OPEN') {
        throw new ConflictError(
          `Question set '${set.id}' is ${set.status}: its answers can no longer be changed.`,
        );
      }
      const now = new Date();
      if (set.deadline <= now) {
        throw new DeadlinePassedError(
          `The deadline of question set '${set.id}' passed at ${set.deadline.toISOString()}.`,
        );
      }
      if (question.deadline <= now) {
        throw new DeadlinePassedError(
          `The deadline of question '${question.id}' passed at ${question.deadline.toISOString()}.`,
        );
      }

      const before = answerOf(question);
      const response = dto.response ?? question.answerResponse;
      const partnerNotes = dto.partner_notes ?? question.answerPartnerNotes;
      const attachments = dto.attachments ?? question.answerAttachments ?? [];
      const ready = dto.ready_for_review ?? false;
      if (question.answerType === 'TEXT_ONLY' && attachments.length > 0) {
        throw ValidationFailedError.field('attachments', 'must be empty for a TEXT_ONLY question');
      }
      await this.checkAttachments(set, question, attachments);
      if (ready && !response) {
        throw ValidationFailedError.field(
          'response',
          'must not be empty when the answer is ready for review',
        );
      }
      if (ready && question.answerType === 'TEXT_AND_FILES' && attachments.length === 0) {
        throw ValidationFailedError.field(
          'attachments',
          'must name at least one document when a TEXT_AND_FILES answer is ready for review',
        );
      }

      Object.assign(question, {
        answeredAt: now,
        answeredById: caller.id,
        answerResponse: response,
        answerPartnerNotes: partnerNotes,
        answerAttachments: attachments,
        answerReadyForReview: ready,
      });
      const saved = await tx.getRepository(Question).save(question);
      if (ready) {
        await this.audit.record({
          actorId: caller.id,
          action: 'question.answer_ready_for_review',
          objectType: 'question',
          objectId: saved.id,
          before,
          after: { ...answerOf(saved), question_set_id: set.id },
        });
      }
      if (ready && (await this.allReady(tx, set))) await this.toReview(tx, caller, set);
      return saved;
    });
  }

  /** Every attachment is a customer document of the set's entity, of an allowed type. */
  private async checkAttachments(
    set: QuestionSet,
    question: Question,
    attachments: string[],
  ): Promise<void> {
    for (const documentId of attachments) {
      const document = await this.customers.document(documentId);
      const own =
        document !== undefined &&
        (set.personId !== null
          ? document.personId === set.personId
          : document.businessId === set.businessId);
      if (!own) {
        throw ValidationFailedError.field(
          'attachments',
          `must be documents of ${entityIdOf(set)}; '${documentId}' is not one`,
        );
      }
      const allowed = question.allowedDocumentTypes;
      if (allowed.length > 0 && !allowed.includes(document.documentType)) {
        throw ValidationFailedError.field(
          'attachments',
          `must have one of the document types ${allowed.join(', ')}; '${documentId}' is ${document.documentType}`,
        );
      }
    }
  }

  private async allReady(tx: Transaction, set: QuestionSet): Promise<boolean> {
    const pending = await tx
      .getRepository(Question)
      .countBy({ questionSetId: set.id, answerReadyForReview: false });
    return pending === 0;
  }

  /**
   * OPEN → READY_FOR_REVIEW, and the customer's vetting and risk classification statuses →
   * INFORMATION_RECEIVED. Businesses carry the same two statuses as persons here, so a business's
   * set moves them alike. The status condition in the UPDATE keeps the transition single even if
   * the row lock were ever bypassed.
   */
  private async toReview(tx: Transaction, caller: Principal, set: QuestionSet): Promise<void> {
    const moved = await tx
      .getRepository(QuestionSet)
      .update({ id: set.id, status: 'OPEN' }, { status: 'READY_FOR_REVIEW' });
    if (moved.affected !== 1) {
      throw new ConflictError(`Question set '${set.id}' is no longer OPEN.`);
    }
    set.status = 'READY_FOR_REVIEW';
    const customer = await lockedQuery<Person | Business>(
      tx,
      set.personId ? Person : Business,
      'customer',
    )
      .where('customer.id = :id', { id: entityIdOf(set) })
      .getOne();
    const before = statusesOf(customer!);
    customer!.customerVettingStatus = INFORMATION_RECEIVED;
    customer!.riskClassificationStatus = INFORMATION_RECEIVED;
    await tx.save(customer!);
    await this.audit.record({
      actorId: caller.id,
      action: 'question_set.ready_for_review',
      objectType: 'question_set',
      objectId: set.id,
      before: { status: 'OPEN' },
      after: { status: 'READY_FOR_REVIEW' },
    });
    await this.audit.record({
      actorId: caller.id,
      action: set.personId ? 'person.information_received' : 'business.information_received',
      objectType: set.personId ? 'person' : 'business',
      objectId: entityIdOf(set),
      before,
      after: { ...statusesOf(customer!), question_set_id: set.id },
    });
  }

  /**
   * The set if the caller may see it: the owner of its customer, staff, support; else 404.
   * Given `lockIn`, its row stays locked (FOR UPDATE) until that transaction ends.
   */
  private async visibleSet(
    caller: Principal,
    setId: string,
    lockIn?: Transaction,
  ): Promise<QuestionSet> {
    const query = lockIn
      ? lockedQuery(lockIn, QuestionSet, 'set')
      : this.transactions.manager.createQueryBuilder(QuestionSet, 'set');
    const set = await query.where('set.id = :setId', { setId }).getOne();
    if (!set || (set.partnerId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError(QUESTION_SET.name, setId);
    }
    return set;
  }

  /** The person or business named by `entity_id`; a body field, so unknown ids are a 400. */
  private async entity(caller: Principal, entityId: string): Promise<CustomerRef> {
    const type = isSolarisId(entityId, PERSON)
      ? 'Person'
      : isSolarisId(entityId, BUSINESS)
        ? 'Business'
        : undefined;
    try {
      if (type) return await this.customers.customer(caller, type, entityId);
    } catch (error) {
      if (!(error instanceof ModelNotFoundError)) throw error;
    }
    throw UNKNOWN_ENTITY();
  }
}

function answerOf(question: Question): Record<string, unknown> | null {
  return question.answeredAt
    ? {
        response: question.answerResponse,
        partner_notes: question.answerPartnerNotes,
        attachments: question.answerAttachments ?? [],
        ready_for_review: question.answerReadyForReview,
      }
    : null;
}

function statusesOf(customer: Person | Business): Record<string, unknown> {
  return {
    customer_vetting_status: customer.customerVettingStatus,
    risk_classification_status: customer.riskClassificationStatus,
  };
}
