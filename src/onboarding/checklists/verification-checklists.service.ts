import { Injectable } from '@nestjs/common';
import { isEmail, isISO31661Alpha2 } from 'class-validator';
import { canReadAll, type Principal } from '../../common/auth/principal.js';
import { ValidationFailedError } from '../../common/errors/api-error.js';
import { parseUuid, toHexUuid } from '../../common/ids/ids.js';
import { Transactions } from '../../database/transactions.js';
import { User } from '../../users/entities/user.entity.js';
import { AuditService } from '../../audit/audit.service.js';
import {
  AvailableChecklistsDto,
  checklistPreview,
  ChecklistCompletionDto,
  type ChecklistResponseDto,
  checklistSummary,
  ChecklistTemplateDto,
  QuestionWithAnswerDto,
} from '../dto/checklist.dto.js';
import {
  ChecklistAnswer,
  ChecklistCompletion,
  type ChecklistType,
} from '../entities/checklist-completion.entity.js';
import type { Verification } from '../entities/verification.entity.js';
import { onboardingErrors as errors } from '../onboarding.errors.js';
import { OnboardingViews, type VerificationView } from '../onboarding.views.js';
import { VerificationsService } from '../verifications.service.js';
import {
  type ChecklistDefinition,
  OnboardingChecklists,
  type QuestionDefinition,
} from './onboarding-checklists.js';

/** An answer as submit_answers/ receives it, once its shape is checked. */
export interface SubmittedAnswer {
  questionUuid: string;
  answerData: unknown;
}

/** The onboarding checklists of verifications: reading them, answering them, previewing them. */
@Injectable()
export class VerificationChecklistsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly checklists: OnboardingChecklists,
    private readonly verifications: VerificationsService,
    private readonly views: OnboardingViews,
    private readonly audit: AuditService,
  ) {}

  /** checklist/: the questions with the applicant's answers. */
  async checklist(
    caller: Principal,
    id: string,
    type: ChecklistType,
  ): Promise<ChecklistResponseDto> {
    const verification = await this.verifications.findVisible(caller, id);
    const { checklist, completion } = await this.completionOf(verification, type);
    const answers = (await this.views.answersOf([verification.id])).get(verification.id)?.get(type);
    return {
      checklist: checklistSummary(checklist),
      completion: ChecklistCompletionDto.from(completion, checklist, answers),
      questions: [...checklist.questions]
        .sort((a, b) => a.order - b.order)
        .map((question) => QuestionWithAnswerDto.from(question, answers?.get(question.uuid))),
    };
  }

  /** completion_status/. */
  async completionStatus(
    caller: Principal,
    id: string,
    type: ChecklistType,
  ): Promise<ChecklistCompletionDto> {
    const verification = await this.verifications.findVisible(caller, id);
    const { checklist, completion } = await this.completionOf(verification, type);
    const answers = (await this.views.answersOf([verification.id])).get(verification.id)?.get(type);
    return ChecklistCompletionDto.from(completion, checklist, answers);
  }

  /**
   * submit_answers/: the applicant answers questions of either checklist (found by question);
   * `null` removes an answer. All answers are checked before any is stored.
   */
  async submitAnswers(
    caller: Principal,
    id: string,
    submitted: SubmittedAnswer[],
  ): Promise<VerificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.verifications.findVisible(caller, id, true);
      if (verification.userId !== caller.id) throw errors.notPermitted();
      const resolved = submitted.map((answer, index) => {
        const found = this.checklists.question(answer.questionUuid);
        if (!found) {
          throw ValidationFailedError.field(
            'non_field_errors',
            `Question ${answer.questionUuid} does not belong to any configured checklist for this verification`,
          );
        }
        const [checklist, question] = found;
        const problem =
          answer.answerData === null ? null : answerProblem(question, answer.answerData);
        if (problem) throw errors.unfitAnswer(`${index}.answer_data`, problem);
        return { checklist, question, answerData: answer.answerData };
      });
      for (const { checklist, question, answerData } of resolved) {
        const { completion } = await this.completionOf(verification, checklist.checklistType);
        const questionId = parseUuid(question.uuid)!;
        if (answerData === null) {
          await tx.delete(ChecklistAnswer, { completionId: completion.id, questionId });
        } else {
          await tx
            .createQueryBuilder()
            .insert()
            .into(ChecklistAnswer)
            .values({ completionId: completion.id, questionId, userId: caller.id, answerData })
            .orUpdate(['answer_data', 'user_id', 'modified'], ['completion_id', 'question_id'])
            .execute();
        }
        await tx.update(ChecklistCompletion, { id: completion.id }, { modified: new Date() });
      }
      await this.audit.record({
        actorId: caller.id,
        action: 'verification.answers_submitted',
        objectType: 'onboarding_verification',
        objectId: toHexUuid(verification.id),
        before: null,
        after: { question_uuids: resolved.map((r) => r.question.uuid) },
      });
      return this.verifications.viewOf(verification, caller);
    });
  }

  /** available_checklists/: a preview of the checklists before any verification exists. */
  available(type: ChecklistType | 'all'): AvailableChecklistsDto {
    const preview = (wanted: ChecklistType) => {
      const checklist = type === 'all' || type === wanted ? this.checklists.of(wanted) : undefined;
      return checklist ? checklistPreview(checklist) : null;
    };
    return { customer_checklist: preview('customer'), intent_checklist: preview('intent') };
  }

  /**
   * checklist-template/: what a new verification of the user `parentUuid` will ask first — the
   * intent checklist, which every flow needs. The user must be the caller, or visible to staff
   * and support.
   */
  async template(caller: Principal, parentUuid: string): Promise<ChecklistTemplateDto> {
    const userId = parseUuid(parentUuid);
    const visible = userId && (userId === caller.id || canReadAll(caller));
    if (!visible || !(await this.transactions.manager.existsBy(User, { id: userId }))) {
      throw errors.parentNotFound();
    }
    const checklist = this.checklists.of('intent');
    if (!checklist) throw errors.checklistNotConfigured('No checklist configured for new objects');
    return ChecklistTemplateDto.from(checklist);
  }

  /** The verification's completion of a checklist, opened on first use; 400 when none is configured. */
  private async completionOf(
    verification: Verification,
    type: ChecklistType,
  ): Promise<{ checklist: ChecklistDefinition; completion: ChecklistCompletion }> {
    const checklist = this.checklists.of(type);
    if (!checklist) {
      throw errors.checklistNotConfigured(`No ${type} checklist configured for this verification`);
    }
    const manager = this.transactions.manager;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ChecklistCompletion)
      .values({ verificationId: verification.id, checklistType: type })
      .orIgnore()
      .execute();
    const completion = await manager.findOneByOrFail(ChecklistCompletion, {
      verificationId: verification.id,
      checklistType: type,
    });
    return { checklist, completion };
  }
}

/** Why an answer does not fit its question, or null when it does. */
function answerProblem(question: QuestionDefinition, value: unknown): string | null {
  const text = (check?: (v: string) => boolean, what = 'a valid string') => {
    if (typeof value !== 'string' || value.trim() === '') return `Enter ${what}.`;
    if (question.maxLength !== undefined && value.length > question.maxLength) {
      return `Ensure this answer has no more than ${question.maxLength} characters.`;
    }
    return check && !check(value) ? `Enter ${what}.` : null;
  };
  const options = new Set(question.options.map((option) => option.uuid));
  const option = (v: unknown) =>
    typeof v === 'string' && options.has(v.replace(/-/g, '').toLowerCase());
  switch (question.questionType) {
    case 'text_input':
    case 'text_area':
      return text();
    case 'email':
      return text((v) => isEmail(v), 'a valid email address');
    case 'country':
      return text((v) => isISO31661Alpha2(v), 'an ISO 3166-1 alpha-2 country code');
    case 'date':
      return text(
        (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
        'a date (YYYY-MM-DD)',
      );
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be a valid boolean.';
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return 'A valid number is required.';
      if (question.minValue !== null && value < question.minValue) {
        return `Ensure this value is greater than or equal to ${question.minValue}.`;
      }
      if (question.maxValue !== null && value > question.maxValue) {
        return `Ensure this value is less than or equal to ${question.maxValue}.`;
      }
      return null;
    }
    case 'single_select':
      return option(value) ? null : 'Select one of the question options (by uuid).';
    case 'multi_select':
      return Array.isArray(value) && value.length > 0 && value.every(option)
        ? null
        : 'Select a list of the question options (by uuid).';
  }
}
