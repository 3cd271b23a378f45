import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { StoredFile } from '../common/storage/entities/stored-file.entity.js';
import type { Principal } from '../common/auth/principal.js';
import { Transactions } from '../database/transactions.js';
import { User } from '../users/entities/user.entity.js';
import { OnboardingChecklists } from './checklists/onboarding-checklists.js';
import {
  ChecklistAnswer,
  ChecklistCompletion,
  type ChecklistType,
} from './entities/checklist-completion.entity.js';
import { Customer } from './entities/customer.entity.js';
import { JustificationDocument } from './entities/justification-document.entity.js';
import { Justification } from './entities/justification.entity.js';
import { Verification } from './entities/verification.entity.js';

/** A document with the size of its stored bytes. */
export interface DocumentView {
  document: JustificationDocument;
  fileSize: number;
}

/** What a verification's checklist answers say, and whether a customer can be made from it. */
export interface VerificationFacts {
  userFullName: string;
  /** Answers mapped to customer fields. */
  customerData: Record<string, unknown>;
  /** Answers mapped to intent fields. */
  onboardingMetadata: Record<string, unknown>;
  /** Null when a customer can be created, else the reason. */
  customerCreationError: string | null;
}

/** A justification with what its response shows: its verification and its documents. */
export interface JustificationView {
  justification: Justification;
  userFullName: string;
  verification: Verification;
  verificationFacts: VerificationFacts;
  documents: DocumentView[];
}

/** A verification with its justifications, as one viewer may see it. */
export interface VerificationView {
  verification: Verification;
  /** The registry's raw answer for staff; null for everyone else, as upstream (it may echo what
   * the registry knows about other people). */
  rawResponse: Record<string, unknown> | null;
  facts: VerificationFacts;
  justifications: JustificationView[];
}

/** A verification's answers per checklist, keyed by question (hex uuid). */
export type AnswersByChecklist = Map<ChecklistType, Map<string, ChecklistAnswer>>;

const NEWEST_FIRST = { created: 'DESC', id: 'ASC' } as const;

/** Loads what the responses show in a fixed number of queries, whatever the page size. */
@Injectable()
export class OnboardingViews {
  constructor(
    private readonly transactions: Transactions,
    private readonly checklists: OnboardingChecklists,
  ) {}

  async ofJustifications(justifications: Justification[]): Promise<JustificationView[]> {
    if (justifications.length === 0) return [];
    const manager = this.transactions.manager;
    const verificationIds = [...new Set(justifications.map((j) => j.verificationId))];
    // The verifications come with their owners' names; the submitters are usually the owners,
    // so their names are asked for only when some are not.
    const { entities, raw } = await manager
      .createQueryBuilder(Verification, 'verification')
      .leftJoin(User, 'owner', 'owner.id = verification.user_id')
      .addSelect('owner.full_name', 'owner_full_name')
      .where('verification.id IN (:...ids)', { ids: verificationIds })
      .getRawAndEntities<{ owner_full_name: string | null }>();
    const verifications = new Map(entities.map((v) => [v.id, v]));
    const names = new Map<string, string>();
    entities.forEach((verification, index) => {
      const fullName = raw[index].owner_full_name;
      if (fullName !== null) names.set(verification.userId, fullName);
    });
    const others = await this.fullNames(
      justifications.map((j) => j.userId).filter((id) => !names.has(id)),
    );
    others.forEach((fullName, id) => names.set(id, fullName));
    // Every verification here has a justification (one of these), so they are all justified.
    const facts = await this.factsOf([...verifications.values()], justifications, names);
    const documents = await this.documentsOf(justifications.map((j) => j.id));
    return justifications.map((justification) => ({
      justification,
      userFullName: names.get(justification.userId) ?? '',
      verification: verifications.get(justification.verificationId)!,
      verificationFacts: facts.get(justification.verificationId)!,
      documents: documents.get(justification.id) ?? [],
    }));
  }

  async ofVerifications(
    verifications: Verification[],
    viewer: Principal,
  ): Promise<VerificationView[]> {
    if (verifications.length === 0) return [];
    const byId = new Map(verifications.map((v) => [v.id, v]));
    const justifications = await this.transactions.manager.find(Justification, {
      where: { verificationId: In([...byId.keys()]) },
      order: NEWEST_FIRST,
    });
    const names = await this.fullNames([
      ...justifications.map((j) => j.userId),
      ...verifications.map((v) => v.userId),
    ]);
    const facts = await this.factsOf(verifications, justifications, names);
    const documents = await this.documentsOf(justifications.map((j) => j.id));
    return verifications.map((verification) => ({
      verification,
      rawResponse: viewer.isStaff ? verification.rawResponse : null,
      facts: facts.get(verification.id)!,
      justifications: justifications
        .filter((j) => j.verificationId === verification.id)
        .map((justification) => ({
          justification,
          userFullName: names.get(justification.userId) ?? '',
          verification,
          verificationFacts: facts.get(verification.id)!,
          documents: documents.get(justification.id) ?? [],
        })),
    }));
  }

  /** Answers of the verifications' checklists, per verification. */
  async answersOf(verificationIds: string[]): Promise<Map<string, AnswersByChecklist>> {
    const byVerification = new Map<string, AnswersByChecklist>();
    if (verificationIds.length === 0) return byVerification;
    const completions = await this.transactions.manager.findBy(ChecklistCompletion, {
      verificationId: In(verificationIds),
    });
    const answers =
      completions.length === 0
        ? []
        : await this.transactions.manager.findBy(ChecklistAnswer, {
            completionId: In(completions.map((c) => c.id)),
          });
    const completionById = new Map(completions.map((c) => [c.id, c]));
    for (const answer of answers) {
      const completion = completionById.get(answer.completionId)!;
      const perChecklist: AnswersByChecklist =
        byVerification.get(completion.verificationId) ??
        new Map<ChecklistType, Map<string, ChecklistAnswer>>();
      const perQuestion =
        perChecklist.get(completion.checklistType) ?? new Map<string, ChecklistAnswer>();
      perQuestion.set(answer.questionId.replace(/-/g, ''), answer);
      perChecklist.set(completion.checklistType, perQuestion);
      byVerification.set(completion.verificationId, perChecklist);
    }
    return byVerification;
  }

  /** The required questions of a checklist not answered yet ([] when none is configured). */
  unansweredRequired(type: ChecklistType, answers: AnswersByChecklist | undefined) {
    const checklist = this.checklists.of(type);
    const given = answers?.get(type);
    return (checklist?.questions ?? []).filter((q) => q.required && !given?.has(q.uuid));
  }

  private async factsOf(
    verifications: Verification[],
    justifications: Pick<Justification, 'verificationId'>[],
    /** Full names of the verifications' owners (and maybe others), by user id. */
    names: Map<string, string>,
  ): Promise<Map<string, VerificationFacts>> {
    const answers = await this.answersOf(verifications.map((v) => v.id));
    const justified = new Set(justifications.map((j) => j.verificationId));
    const taken = await this.takenRegistrations(verifications);
    return new Map(
      verifications.map((verification) => {
        const own = answers.get(verification.id);
        const customerData: Record<string, unknown> = {};
        const onboardingMetadata: Record<string, unknown> = {};
        for (const perQuestion of own?.values() ?? []) {
          for (const [questionUuid, answer] of perQuestion) {
            const [, question] = this.checklists.question(questionUuid) ?? [];
            if (question?.mapsToCustomerField) {
              customerData[question.mapsToCustomerField] = answer.answerData;
            }
            if (question?.intentField) onboardingMetadata[question.intentField] = answer.answerData;
          }
        }
        const facts: VerificationFacts = {
          userFullName: names.get(verification.userId) ?? '',
          customerData,
          onboardingMetadata,
          customerCreationError: this.customerCreationError(
            verification,
            own,
            justified.has(verification.id),
            taken,
          ),
        };
        return [verification.id, facts];
      }),
    );
  }

  /**
   * Upstream's checks, in its order: verified, no customer yet, the checklists the flow needs
   * (an automated verification nobody justified needs the intent checklist, a manual one both),
   * and no customer with the same registration code in the same country.
   */
  private customerCreationError(
    verification: Verification,
    answers: AnswersByChecklist | undefined,
    justified: boolean,
    taken: Set<string>,
  ): string | null {
    if (verification.status !== 'verified') {
      return `Verification status must be 'verified', currently '${verification.status}'`;
    }
    if (verification.customerId) return 'Customer already exists for this verification';
    const automatic = verification.validationMethod !== '' && !justified;
    const needed: ChecklistType[] = automatic ? ['intent'] : ['customer', 'intent'];
    for (const type of needed) {
      const missing = this.unansweredRequired(type, answers);
      if (missing.length > 0) {
        return `The ${type} checklist is not completed: ${missing.length} required question(s) unanswered`;
      }
    }
    if (taken.has(registrationKey(verification))) {
      return `Customer with registration code ${verification.legalPersonIdentifier} already exists for country ${verification.country}`;
    }
    return null;
  }

  /** Registration code and country pairs of existing customers among the verifications'. */
  private async takenRegistrations(verifications: Verification[]): Promise<Set<string>> {
    const codes = [
      ...new Set(
        verifications
          .filter((v) => v.status === 'verified' && v.legalPersonIdentifier !== '')
          .map((v) => v.legalPersonIdentifier),
      ),
    ];
    if (codes.length === 0) return new Set();
    const customers = await this.transactions.manager.find(Customer, {
      where: { registrationCode: In(codes) },
      select: { registrationCode: true, country: true },
    });
    return new Set(
      customers.map((c) =>
        registrationKey({ legalPersonIdentifier: c.registrationCode, country: c.country }),
      ),
    );
  }

  private async fullNames(userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const users = await this.transactions.manager.find(User, {
      where: { id: In(ids) },
      select: { id: true, fullName: true },
    });
    return new Map(users.map((user) => [user.id, user.fullName]));
  }

  /** Documents per justification, newest first, with the sizes of their stored files. */
  private async documentsOf(justificationIds: string[]): Promise<Map<string, DocumentView[]>> {
    const byJustification = new Map<string, DocumentView[]>();
    if (justificationIds.length === 0) return byJustification;
    const { entities, raw } = await this.transactions.manager
      .createQueryBuilder(JustificationDocument, 'document')
      .innerJoin(StoredFile, 'file', 'file.id = document.stored_file_id')
      .addSelect('file.size', 'file_size')
      .where('document.justification_id IN (:...ids)', { ids: justificationIds })
      .orderBy('document.created', 'DESC')
      .addOrderBy('document.id', 'ASC')
      .getRawAndEntities<{ file_size: string }>();
    entities.forEach((document, index) => {
      const views = byJustification.get(document.justificationId) ?? [];
      views.push({ document, fileSize: Number(raw[index].file_size) });
      byJustification.set(document.justificationId, views);
    });
    return byJustification;
  }
}

function registrationKey(v: Pick<Verification, 'legalPersonIdentifier' | 'country'>): string {
  return `${v.country}\u0000${v.legalPersonIdentifier}`;
}
