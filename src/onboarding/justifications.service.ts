import { Injectable } from '@nestjs/common';
import { Brackets, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ConflictError,
  ModelNotFoundError,
  ValidationFailedError,
} from '../common/errors/api-error.js';
import { parseUuid, toHexUuid } from '../common/ids/ids.js';
import { fetchPage, type Page, type PageWindow } from '../common/pagination/page.js';
import type { StoredFile } from '../common/storage/entities/stored-file.entity.js';
import { FileStorage, type Upload } from '../common/storage/file-storage.service.js';
import { sanitizeFileName } from '../common/storage/file-types.js';
import { currentBaseUrl } from '../common/http/request-context.js';
import { Transactions } from '../database/transactions.js';
import { containing, orderingOf } from './dto/filters.js';
import { WebhookOutbox } from '../webhooks/webhook-outbox.js';
import { JustificationDto } from './dto/justification.dto.js';
import type { JustificationsQuery } from './dto/justification-requests.dto.js';
import { Customer } from './entities/customer.entity.js';
import { JustificationDocument } from './entities/justification-document.entity.js';
import { Justification, type ReviewDecision } from './entities/justification.entity.js';
import { Verification, type VerificationStatus } from './entities/verification.entity.js';
import { verificationIdOf } from './onboarding.urls.js';
import { OnboardingDocuments } from './onboarding.documents.js';
import { MODELS, onboardingErrors as errors } from './onboarding.errors.js';
import { type DocumentView, OnboardingViews, type JustificationView } from './onboarding.views.js';

const JUSTIFIABLE: VerificationStatus[] = ['failed', 'escalated'];
const OBJECT_TYPE = 'onboarding_justification';
const ORDER_COLUMNS = {
  created: 'justification.created',
  modified: 'justification.modified',
  validated_at: 'justification.validatedAt',
};

/** Which request field named the verification, so errors land on it. */
export interface VerificationReference {
  field: 'verification' | 'verification_uuid';
  value: string;
}

export type Decision = Exclude<ReviewDecision, 'pending'>;

const DECISION_OUTCOME: Record<Decision, VerificationStatus> = {
  approved: 'verified',
  rejected: 'failed',
};

@Injectable()
export class JustificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly views: OnboardingViews,
    private readonly documents: OnboardingDocuments,
    private readonly storage: FileStorage,
    private readonly webhooks: WebhookOutbox,
  ) {}

  async list(
    caller: Principal,
    query: JustificationsQuery,
    window: PageWindow,
  ): Promise<Page<JustificationView>> {
    const qb = this.transactions.manager.createQueryBuilder(Justification, 'justification');
    orderingOf(query.o, ORDER_COLUMNS, 'justification').forEach(({ column, direction }) =>
      qb.addOrderBy(column, direction),
    );
    if (!canReadAll(caller)) qb.andWhere('justification.user_id = :caller', { caller: caller.id });
    if (query.verification_uuid !== undefined) {
      qb.andWhere('justification.verification_id = :verificationId', {
        verificationId: parseUuid(query.verification_uuid),
      });
    }
    if (query.user_uuid !== undefined) {
      qb.andWhere('justification.user_id = :userId', { userId: parseUuid(query.user_uuid) });
    }
    if (query.validation_decision !== undefined) {
      qb.andWhere('justification.validation_decision IN (:...decisions)', {
        decisions: query.validation_decision,
      });
    }
    if (query.query !== undefined) {
      const text = containing(query.query);
      qb.innerJoin('justification.verification', 'verification').andWhere(
        new Brackets((or) =>
          or
            .where('verification.legal_name ILIKE :text', { text })
            .orWhere('verification.legal_person_identifier ILIKE :text', { text }),
        ),
      );
    }
    const page = await fetchPage(window, (skip, take) =>
      qb.skip(skip).take(take).getManyAndCount(),
    );
    return { ...page, items: await this.views.ofJustifications(page.items) };
  }

  async get(caller: Principal, id: string): Promise<JustificationView> {
    return this.viewOf(await this.findVisible(caller, id));
  }

  /** The caller justifies their own failed or escalated verification. */
  async create(
    caller: Principal,
    reference: VerificationReference,
    userJustification: string | null | undefined,
  ): Promise<JustificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.justifiableVerification(tx, caller, reference);
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(Justification)
        .values({
          verificationId: verification.id,
          userId: caller.id,
          userJustification: userJustification ?? null,
        })
        // The partial unique index on pending justifications is the guard of last resort.
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) throw errors.alreadyPending(reference.field);
      const justification = await tx.findOneByOrFail(Justification, { id });
      await this.record(caller.id, 'justification.submitted', justification, null, {
        verification_uuid: toHexUuid(verification.id),
        validation_decision: 'pending',
      });
      return this.viewOf(justification);
    });
  }

  /** PUT and PATCH: the owner, while the justification is pending. */
  async update(
    caller: Principal,
    id: string,
    changes: { verification?: string; userJustification?: string | null },
  ): Promise<JustificationView> {
    return this.transactions.run(async (tx) => {
      const justification = await this.findVisible(caller, id, 'pessimistic_write');
      if (justification.userId !== caller.id) throw errors.notPermitted();
      requirePending(justification, 'Only a pending justification can be changed.');
      const before = editableFields(justification);
      if (changes.verification !== undefined) {
        const reference = { field: 'verification', value: changes.verification } as const;
        if (referencedId(reference) !== justification.verificationId) {
          const target = await this.justifiableVerification(tx, caller, reference);
          justification.verificationId = target.id;
        }
      }
      if (changes.userJustification !== undefined) {
        justification.userJustification = changes.userJustification;
      }
      const saved = await tx.save(justification);
      await this.record(caller.id, 'justification.updated', saved, before, editableFields(saved));
      return this.viewOf(saved);
    });
  }

  /** The owner while pending, or staff at any time; its documents go with it. */
  async remove(caller: Principal, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const justification = await this.findVisible(caller, id, 'pessimistic_write');
      if (!caller.isStaff) {
        if (justification.userId !== caller.id) throw errors.notPermitted();
        requirePending(justification, 'Only a pending justification can be deleted.');
      }
      await this.documents.deleteWithFiles({ justificationIds: [justification.id] }, () =>
        tx.delete(Justification, { id: justification.id }),
      );
      await this.record(
        caller.id,
        'justification.deleted',
        justification,
        { ...editableFields(justification), validation_decision: justification.validationDecision },
        null,
      );
    });
  }

  /**
   * Staff decide a pending justification and set its verification's status, in one transaction.
   * The status check sits in the UPDATE's WHERE clause, so of concurrent decisions exactly one
   * matches; the others find the row decided and get a 409.
   */
  async decide(
    caller: Principal,
    id: string,
    decision: Decision,
    staffNotes: string | undefined,
  ): Promise<JustificationView> {
    return this.transactions.run(async (tx) => {
      const found = await tx.findOneBy(Justification, { id });
      if (!found) throw new ModelNotFoundError(MODELS.justification, id);
      if (decision === 'approved') await this.requireNoCustomerFor(tx, found.verificationId);
      // The verification is locked before the justification, the order in which deleting a
      // verification (which cascades to its justifications) takes them, so the two never deadlock.
      const verification = await tx
        .createQueryBuilder(Verification, 'verification')
        .where('verification.id = :id', { id: found.verificationId })
        .setLock('pessimistic_write')
        .getOne();
      const updated = await tx
        .createQueryBuilder()
        .update(Justification)
        .set({
          validationDecision: decision,
          validatedById: caller.id,
          validatedAt: () => 'now()',
          staffNotes: staffNotes ?? '',
        })
        .where(
          'id = :id AND validation_decision = :pending AND user_id <> :caller AND verification_id = :verificationId',
          { id, pending: 'pending', caller: caller.id, verificationId: found.verificationId },
        )
        .returning(['id'])
        .execute();
      if (!verification || (updated.raw as unknown[]).length === 0) {
        const existing = await tx.findOneBy(Justification, { id: found.id });
        if (!existing) throw new ModelNotFoundError(MODELS.justification, id);
        if (existing.userId === caller.id) throw errors.ownJustification();
        if (existing.validationDecision !== 'pending') {
          throw errors.alreadyReviewed(existing.validationDecision);
        }
        throw new ConflictError('This justification changed during the review; please retry.');
      }
      const justification = await tx.findOneByOrFail(Justification, { id: found.id });
      const previousStatus = verification.status;
      verification.status = DECISION_OUTCOME[decision];
      await tx.save(verification);
      await this.record(
        caller.id,
        `justification.${decision}`,
        justification,
        { validation_decision: 'pending', verification_status: previousStatus },
        {
          validation_decision: decision,
          verification_status: verification.status,
          staff_notes: justification.staffNotes,
        },
      );
      const view = await this.viewOf(justification);
      await this.webhooks.publish({
        eventType: 'ONBOARDING_JUSTIFICATION_REVIEWED',
        entityId: toHexUuid(justification.id),
        ownerId: justification.userId,
        body: JustificationDto.from(view, currentBaseUrl()!),
      });
      return view;
    });
  }

  /**
   * The owner or staff attach a document while the justification is pending. The row is share-
   * locked meanwhile, so a decision waits for the document rather than missing it.
   */
  async attachDocument(caller: Principal, id: string, upload: Upload): Promise<DocumentView> {
    return this.transactions.run(async (tx) => {
      const justification = await this.findVisible(caller, id, 'pessimistic_read');
      if (justification.userId !== caller.id && !caller.isStaff) throw errors.notPermitted();
      requirePending(justification, 'Documents can only be attached to a pending justification.');
      const stored = await this.storage.store(upload);
      const document = await tx.save(
        tx.create(JustificationDocument, {
          justificationId: justification.id,
          storedFileId: stored.id,
          fileName: sanitizeFileName(upload.originalname),
        }),
      );
      await this.record(caller.id, 'justification.document_attached', justification, null, {
        document_uuid: toHexUuid(document.id),
        file_name: document.fileName,
        file_size: stored.size,
        content_type: stored.contentType,
        sha256: stored.sha256,
      });
      return { document, fileSize: stored.size };
    });
  }

  /** A document's file, for the owner of its justification, staff and support; else a 404. */
  async documentForDownload(
    caller: Principal,
    id: string,
  ): Promise<{ file: StoredFile; fileName: string }> {
    const document = await this.transactions.manager.findOne(JustificationDocument, {
      where: { id },
      relations: { justification: true, storedFile: true },
    });
    if (
      !document?.storedFile ||
      (document.justification?.userId !== caller.id && !canReadAll(caller))
    ) {
      throw new ModelNotFoundError(MODELS.document, id);
    }
    return { file: document.storedFile, fileName: document.fileName };
  }

  /** A justification the caller may see (owner, staff, support); anything else is a 404. */
  async findVisible(
    caller: Principal,
    id: string,
    lock?: 'pessimistic_write' | 'pessimistic_read',
  ): Promise<Justification> {
    const qb = this.transactions.manager
      .createQueryBuilder(Justification, 'justification')
      .where('justification.id = :id', { id });
    if (lock) qb.setLock(lock);
    const justification = await qb.getOne();
    if (!justification || (justification.userId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError(MODELS.justification, id);
    }
    return justification;
  }

  async viewOf(justification: Justification): Promise<JustificationView> {
    const [view] = await this.views.ofJustifications([justification]);
    return view;
  }

  /**
   * The verification a justification may be for, locked so that concurrent submissions for it
   * queue: it must exist (400), be failed or escalated (400), and be the caller's (403, checked
   * after the status as upstream does).
   */
  private async justifiableVerification(
    tx: EntityManager,
    caller: Principal,
    reference: VerificationReference,
  ): Promise<Verification> {
    const { field } = reference;
    const id = referencedId(reference);
    const verification = await tx
      .createQueryBuilder(Verification, 'verification')
      .where('verification.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
    if (!verification) throw errors.unknownVerification(field);
    if (!JUSTIFIABLE.includes(verification.status)) throw errors.notJustifiable(field);
    if (verification.userId !== caller.id) throw errors.notOwnVerification();
    const pending = await tx.existsBy(Justification, {
      verificationId: verification.id,
      validationDecision: 'pending',
    });
    if (pending) throw errors.alreadyPending(field);
    return verification;
  }

  /**
   * Upstream refuses to approve when any customer already has the verification's registration
   * code (whatever its country), so that approval never promises an organization that exists.
   */
  private async requireNoCustomerFor(tx: EntityManager, verificationId: string): Promise<void> {
    const verification = await tx.findOneBy(Verification, { id: verificationId });
    const code = verification?.legalPersonIdentifier;
    if (!code) return;
    const existing = await tx.findOneBy(Customer, { registrationCode: code });
    if (existing) {
      throw ValidationFailedError.field(
        'non_field_errors',
        `A customer with registration code '${code}' already exists. Customer name: '${existing.name}'. Cannot approve this justification.`,
      );
    }
  }

  private record(
    actorId: string,
    action: string,
    justification: Justification,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    return this.audit.record({
      actorId,
      action,
      objectType: OBJECT_TYPE,
      objectId: toHexUuid(justification.id),
      before,
      after,
    });
  }
}

function requirePending(justification: Justification, message: string): void {
  if (justification.validationDecision !== 'pending') throw errors.justificationDecided(message);
}

function referencedId({ field, value }: VerificationReference): string {
  const reference = verificationIdOf(value);
  const id = reference ? parseUuid(reference) : undefined;
  if (!id) throw ValidationFailedError.field(field, 'Invalid hyperlink - No URL match.');
  return id;
}

function editableFields(justification: Justification): Record<string, unknown> {
  return {
    verification_uuid: toHexUuid(justification.verificationId),
    user_justification: justification.userJustification,
  };
}
