import { Inject, Injectable } from '@nestjs/common';
import { Brackets, type EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppConfig } from '../config/app-config.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { ConflictError, ModelNotFoundError } from '../common/errors/api-error.js';
import { parseUuid, toHexUuid } from '../common/ids/ids.js';
import { fetchPage, type Page, type PageWindow } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import { containing, orderingOf } from './dto/filters.js';
import type {
  RecordResultDto,
  RunValidationDto,
  StartVerificationDto,
  UpdateVerificationDto,
  VerificationsQuery,
} from './dto/verification-requests.dto.js';
import { OnboardingChecklists } from './checklists/onboarding-checklists.js';
import { ChecklistCompletion, CHECKLIST_TYPES } from './entities/checklist-completion.entity.js';
import {
  type ValidationMethod,
  Verification,
  type VerificationStatus,
} from './entities/verification.entity.js';
import {
  COMPANY_REGISTRIES,
  type CompanyRegistry,
  type RegistryOutcome,
} from './registry/company-registry.js';
import { OnboardingDocuments } from './onboarding.documents.js';
import { MODELS, onboardingErrors as errors } from './onboarding.errors.js';
import { OnboardingViews, type VerificationView } from './onboarding.views.js';

const HOUR_MS = 3_600_000;
/** Failed and expired verifications untouched this long are deleted. */
export const STALE_VERIFICATION_DAYS = 30;

const EDITABLE: VerificationStatus[] = ['pending', 'escalated'];
/** run_validation/ may (re)check these; a verified or expired one is settled. */
const VALIDATABLE: VerificationStatus[] = ['pending', 'escalated', 'failed'];
const ORDER_COLUMNS = {
  created: 'verification.created',
  modified: 'verification.modified',
  validated_at: 'verification.validatedAt',
  expires_at: 'verification.expiresAt',
};
const OBJECT_TYPE = 'onboarding_verification';

@Injectable()
export class VerificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly views: OnboardingViews,
    private readonly documents: OnboardingDocuments,
    private readonly config: AppConfig,
    private readonly checklists: OnboardingChecklists,
    @Inject(COMPANY_REGISTRIES) private readonly registries: CompanyRegistry[],
  ) {}

  async list(
    caller: Principal,
    query: VerificationsQuery,
    window: PageWindow,
  ): Promise<Page<VerificationView>> {
    const qb = this.transactions.manager.createQueryBuilder(Verification, 'verification');
    orderingOf(query.o, ORDER_COLUMNS, 'verification').forEach(({ column, direction }) =>
      qb.addOrderBy(column, direction),
    );
    if (!canReadAll(caller)) qb.andWhere('verification.user_id = :caller', { caller: caller.id });
    if (query.user_uuid !== undefined) {
      qb.andWhere('verification.user_id = :userId', { userId: parseUuid(query.user_uuid) });
    }
    if (query.country !== undefined) {
      qb.andWhere('verification.country = :country', { country: query.country });
    }
    if (query.status !== undefined) {
      qb.andWhere('verification.status IN (:...statuses)', { statuses: query.status });
    }
    if (query.validation_method !== undefined) {
      qb.andWhere('verification.validation_method IN (:...methods)', {
        methods: query.validation_method,
      });
    }
    if (query.legal_name !== undefined) {
      qb.andWhere('verification.legal_name ILIKE :legalName', {
        legalName: containing(query.legal_name),
      });
    }
    if (query.legal_person_identifier !== undefined) {
      qb.andWhere('verification.legal_person_identifier ILIKE :lpi', {
        lpi: containing(query.legal_person_identifier),
      });
    }
    if (query.query !== undefined) {
      const text = containing(query.query);
      qb.andWhere(
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
    return { ...page, items: await this.views.ofVerifications(page.items, caller) };
  }

  async get(caller: Principal, id: string): Promise<VerificationView> {
    return this.viewOf(await this.findVisible(caller, id), caller);
  }

  /**
   * start_verification/: `pending` with an automated method (run_validation/ checks it), else
   * `escalated` for manual review; both expire after VERIFICATION_EXPIRY_HOURS.
   */
  async start(caller: Principal, dto: StartVerificationDto): Promise<VerificationView> {
    return this.open(caller, dto, dto.validation_method ?? '', undefined);
  }

  /** POST (create): a manual verification, with the caller as its applicant. */
  async create(caller: Principal, dto: UpdateVerificationDto): Promise<VerificationView> {
    return this.open(caller, dto, '', dto.expires_at);
  }

  private async open(
    caller: Principal,
    fields: StartVerificationDto,
    method: ValidationMethod | '',
    expiresAt: string | null | undefined,
  ): Promise<VerificationView> {
    const expiryHours = this.config.verificationExpiryHours;
    return this.transactions.run(async (tx) => {
      const verification = await tx.save(
        tx.create(Verification, {
          userId: caller.id,
          country: fields.country ?? '',
          legalPersonIdentifier: fields.legal_person_identifier ?? '',
          legalName: fields.legal_name ?? '',
          validationMethod: method,
          status: method ? 'pending' : 'escalated',
          expiresAt:
            expiresAt === undefined
              ? new Date(Date.now() + expiryHours * HOUR_MS)
              : expiresAt && new Date(expiresAt),
        }),
      );
      await this.openChecklists(tx, verification);
      await this.record(caller.id, 'verification.started', verification, null, {
        status: verification.status,
        validation_method: method,
      });
      return this.viewOf(verification, caller);
    });
  }

  /** Both checklists are opened with the verification, as upstream (when configured). */
  private async openChecklists(tx: EntityManager, verification: Verification): Promise<void> {
    const types = CHECKLIST_TYPES.filter((type) => this.checklists.of(type));
    if (types.length === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(ChecklistCompletion)
      .values(types.map((checklistType) => ({ verificationId: verification.id, checklistType })))
      .orIgnore()
      .execute();
  }

  /** PUT and PATCH: the owner, while the verification is pending or escalated. */
  async update(
    caller: Principal,
    id: string,
    dto: UpdateVerificationDto,
  ): Promise<VerificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, id, true);
      if (verification.userId !== caller.id) throw errors.notPermitted();
      if (!EDITABLE.includes(verification.status)) throw errors.verificationSettled();
      const before = applicantFields(verification);
      if (dto.country !== undefined) verification.country = dto.country;
      if (dto.legal_person_identifier !== undefined) {
        verification.legalPersonIdentifier = dto.legal_person_identifier;
      }
      if (dto.legal_name !== undefined) verification.legalName = dto.legal_name;
      const expiry = dto.expires_at === undefined ? {} : { expires_at: verification.expiresAt };
      if (dto.expires_at !== undefined) {
        verification.expiresAt = dto.expires_at === null ? null : new Date(dto.expires_at);
      }
      const saved = await tx.save(verification);
      await this.record(
        caller.id,
        'verification.updated',
        saved,
        { ...before, ...expiry },
        {
          ...applicantFields(saved),
          ...(dto.expires_at === undefined ? {} : { expires_at: saved.expiresAt }),
        },
      );
      return this.viewOf(saved, caller);
    });
  }

  /** The owner or staff; justifications and their documents go with it. */
  async remove(caller: Principal, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, id, true);
      if (verification.userId !== caller.id && !caller.isStaff) throw errors.notPermitted();
      await this.documents.deleteWithFiles({ verificationIds: [verification.id] }, () =>
        tx.delete(Verification, { id: verification.id }),
      );
      await this.record(
        caller.id,
        'verification.deleted',
        verification,
        snapshot(verification),
        null,
      );
    });
  }

  /**
   * run_validation/: the applicant has the registry of the verification's method check the
   * company. The verification is set pending first and the registry asked outside any row lock
   * (a real registry may take seconds); its answer is stored if nobody settled the verification
   * meanwhile. Failures escalate to manual review with the registry's code, as upstream.
   */
  async runValidation(
    caller: Principal,
    id: string,
    dto: RunValidationDto,
  ): Promise<VerificationView> {
    const expiryHours = this.config.verificationExpiryHours;
    const started = await this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, id, true);
      if (verification.userId !== caller.id) throw errors.notPermitted();
      if (!verification.validationMethod) throw errors.noValidationMethod();
      if (!VALIDATABLE.includes(verification.status)) {
        throw errors.notValidatable(verification.status);
      }
      verification.status = 'pending';
      verification.expiresAt ??= new Date(Date.now() + expiryHours * HOUR_MS);
      return tx.save(verification);
    });
    const method = started.validationMethod as ValidationMethod;
    const registry = this.registries.find((candidate) => candidate.methods.includes(method));
    const outcome: RegistryOutcome = registry
      ? await registry
          .check({
            validationMethod: method,
            country: started.country,
            legalPersonIdentifier: started.legalPersonIdentifier,
            legalName: started.legalName,
            civilNumber: dto.civil_number ?? '',
            firstName: dto.first_name ?? '',
            lastName: dto.last_name ?? '',
            birthDate: dto.birth_date ?? '',
          })
          .catch((error: unknown) => failure('API_ERROR', `Backend error: ${messageOf(error)}`))
      : failure('NO_BACKEND_AVAILABLE', `No validation backend available for method '${method}'`);
    return this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, id, true);
      if (verification.status !== 'pending') {
        throw new ConflictError('The verification was settled while the registry was asked.');
      }
      verification.status = outcome.valid ? 'verified' : 'escalated';
      verification.errorMessage = outcome.valid ? '' : (outcome.errorCode ?? 'VALIDATION_FAILED');
      verification.errorTraceback = outcome.valid
        ? ''
        : (outcome.message ?? 'Automatic validation failed, escalated to manual verification');
      verification.verifiedUserRoles = outcome.userRoles;
      verification.verifiedCompanyData = outcome.companyData;
      verification.rawResponse = outcome.rawResponse;
      verification.validatedAt = new Date();
      const saved = await tx.save(verification);
      await this.record(caller.id, 'verification.validated', saved, null, {
        status: saved.status,
        validation_method: method,
        error_message: saved.errorMessage,
      });
      return this.viewOf(saved, caller);
    });
  }

  /** Staff: the outcome of an automated registry check of a pending or escalated verification. */
  async recordResult(
    caller: Principal,
    id: string,
    dto: RecordResultDto,
  ): Promise<VerificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, id, true);
      if (!EDITABLE.includes(verification.status)) throw errors.notRecordable();
      const before = { status: verification.status };
      verification.status = dto.status;
      verification.errorMessage = dto.error_message ?? '';
      verification.errorTraceback = dto.error_traceback ?? '';
      verification.verifiedCompanyData = dto.verified_company_data ?? {};
      verification.rawResponse = dto.raw_response ?? {};
      verification.validatedAt = new Date();
      const saved = await tx.save(verification);
      await this.record(caller.id, 'verification.result_recorded', saved, before, {
        status: saved.status,
        error_message: saved.errorMessage,
      });
      return this.viewOf(saved, caller);
    });
  }

  /** Hourly: pending and escalated verifications past their expiry become `expired`. */
  async expireStale(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const rows: { id: string; status: VerificationStatus }[] = await tx
        .query(
          `UPDATE onboarding_verifications AS v
            SET status = 'expired', error_message = 'VERIFICATION_EXPIRED',
                error_traceback = 'Verification expired without completion.', modified = now()
           FROM onboarding_verifications AS old
          WHERE v.id = old.id AND v.status IN ('pending', 'escalated') AND v.expires_at < now()
      RETURNING v.id, old.status`,
        )
        .then((result: [typeof rows, number]) => result[0]);
      for (const row of rows) {
        await this.audit.record({
          actorId: null,
          action: 'verification.expired',
          objectType: OBJECT_TYPE,
          objectId: toHexUuid(row.id),
          before: { status: row.status },
          after: { status: 'expired', error_message: 'VERIFICATION_EXPIRED' },
        });
      }
      return rows.length;
    });
  }

  /**
   * Daily: failed and expired verifications untouched for 30 days are deleted, unless a
   * justification of theirs still awaits review.
   */
  async deleteStale(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const stale: { id: string }[] = await tx.query(
        `SELECT v.id FROM onboarding_verifications AS v
          WHERE v.status IN ('failed', 'expired') AND v.modified < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM onboarding_justifications AS j
                             WHERE j.verification_id = v.id AND j.validation_decision = 'pending')
          FOR UPDATE OF v SKIP LOCKED`,
        [STALE_VERIFICATION_DAYS],
      );
      const ids = stale.map((row) => row.id);
      if (ids.length === 0) return 0;
      const verifications = await tx.findBy(Verification, { id: In(ids) });
      await this.documents.deleteWithFiles({ verificationIds: ids }, () =>
        tx.delete(Verification, ids),
      );
      for (const verification of verifications) {
        await this.record(null, 'verification.deleted', verification, snapshot(verification), null);
      }
      return ids.length;
    });
  }

  /** A verification the caller may see (owner, staff, support); anything else is a 404. */
  async findVisible(caller: Principal, id: string, lock = false): Promise<Verification> {
    const qb = this.transactions.manager
      .createQueryBuilder(Verification, 'verification')
      .where('verification.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const verification = await qb.getOne();
    if (!verification || (verification.userId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError(MODELS.verification, id);
    }
    return verification;
  }

  /** The verification as `viewer` sees it. */
  async viewOf(verification: Verification, viewer: Principal): Promise<VerificationView> {
    const [view] = await this.views.ofVerifications([verification], viewer);
    return view;
  }

  private record(
    actorId: string | null,
    action: string,
    verification: Verification,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    return this.audit.record({
      actorId,
      action,
      objectType: OBJECT_TYPE,
      objectId: toHexUuid(verification.id),
      before,
      after,
    });
  }
}

function failure(errorCode: string, message: string): RegistryOutcome {
  return { valid: false, errorCode, message, userRoles: [], companyData: {}, rawResponse: {} };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function applicantFields(verification: Verification): Record<string, unknown> {
  return {
    country: verification.country,
    legal_person_identifier: verification.legalPersonIdentifier,
    legal_name: verification.legalName,
  };
}

function snapshot(verification: Verification): Record<string, unknown> {
  return {
    ...applicantFields(verification),
    user_uuid: toHexUuid(verification.userId),
    status: verification.status,
  };
}
