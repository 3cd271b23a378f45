import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import {
  ConflictError,
  ForbiddenActionError,
  ModelNotFoundError,
} from '../common/errors/api-error.js';
import { parseUuid, toHexUuid } from '../common/ids/ids.js';
import { pageOf, type Page, type PageWindow } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import type {
  RecordResultDto,
  ReplaceVerificationDto,
  StartVerificationDto,
  UpdateVerificationDto,
  VerificationsQuery,
} from './dto/verification-requests.dto.js';
import { Verification, type VerificationStatus } from './entities/verification.entity.js';
import { OnboardingDocuments } from './onboarding.documents.js';
import { OnboardingViews, type VerificationView } from './onboarding.views.js';

const HOUR_MS = 3_600_000;
/** Failed and expired verifications untouched this long are deleted. */
export const STALE_VERIFICATION_DAYS = 30;

const EDITABLE: VerificationStatus[] = ['pending', 'escalated'];
const OBJECT_TYPE = 'onboarding_verification';

@Injectable()
export class VerificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly views: OnboardingViews,
    private readonly documents: OnboardingDocuments,
    private readonly config: AppConfig,
  ) {}

  async list(
    caller: Principal,
    query: VerificationsQuery,
    window: PageWindow,
  ): Promise<Page<VerificationView>> {
    const qb = this.transactions.manager
      .createQueryBuilder(Verification, 'verification')
      .orderBy('verification.created', 'DESC')
      .addOrderBy('verification.id', 'ASC')
      .skip(window.skip)
      .take(window.take);
    if (!canReadAll(caller)) qb.andWhere('verification.user_id = :caller', { caller: caller.id });
    if (query.user_uuid !== undefined) {
      qb.andWhere('verification.user_id = :userId', { userId: parseUuid(query.user_uuid) });
    }
    if (query.country !== undefined) {
      qb.andWhere('verification.country = :country', { country: query.country });
    }
    if (query.status !== undefined) {
      qb.andWhere('verification.status = :status', { status: query.status });
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
    const [items, total] = await qb.getManyAndCount();
    return pageOf(await this.views.ofVerifications(items), total, window);
  }

  async get(caller: Principal, uuid: string): Promise<VerificationView> {
    return this.viewOf(await this.findVisible(caller, uuid));
  }

  async start(caller: Principal, dto: StartVerificationDto): Promise<VerificationView> {
    const expiryHours = this.config.verificationExpiryHours;
    const method = dto.validation_method ?? '';
    return this.transactions.run(async (tx) => {
      const verification = await tx.save(
        tx.create(Verification, {
          userId: caller.id,
          country: dto.country,
          legalPersonIdentifier: dto.legal_person_identifier,
          legalName: dto.legal_name,
          validationMethod: method,
          status: method ? 'pending' : 'escalated',
          expiresAt: new Date(Date.now() + expiryHours * HOUR_MS),
        }),
      );
      await this.record(caller.id, 'verification.started', verification, null, {
        status: verification.status,
        validation_method: method,
      });
      return this.viewOf(verification);
    });
  }

  /** PUT and PATCH: the owner, while the verification is pending or escalated. */
  async update(
    caller: Principal,
    uuid: string,
    dto: ReplaceVerificationDto | UpdateVerificationDto,
  ): Promise<VerificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, uuid, true);
      if (verification.userId !== caller.id) throw new ForbiddenActionError();
      if (!EDITABLE.includes(verification.status)) {
        throw new ConflictError('Only a pending or escalated verification can be changed.');
      }
      const before = applicantFields(verification);
      if (dto.country !== undefined) verification.country = dto.country;
      if (dto.legal_person_identifier !== undefined) {
        verification.legalPersonIdentifier = dto.legal_person_identifier;
      }
      if (dto.legal_name !== undefined) verification.legalName = dto.legal_name;
      const saved = await tx.save(verification);
      await this.record(caller.id, 'verification.updated', saved, before, applicantFields(saved));
      return this.viewOf(saved);
    });
  }

  /** The owner or staff; justifications and their documents go with it. */
  async remove(caller: Principal, uuid: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, uuid, true);
      if (verification.userId !== caller.id && !caller.isStaff) throw new ForbiddenActionError();
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

  /** Staff: the outcome of an automated registry check of a pending or escalated verification. */
  async recordResult(
    caller: Principal,
    uuid: string,
    dto: RecordResultDto,
  ): Promise<VerificationView> {
    return this.transactions.run(async (tx) => {
      const verification = await this.findVisible(caller, uuid, true);
      if (!EDITABLE.includes(verification.status)) {
        throw new ConflictError(
          'A result can only be recorded for a pending or escalated verification.',
        );
      }
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
      return this.viewOf(saved);
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
  private async findVisible(caller: Principal, uuid: string, lock = false): Promise<Verification> {
    const id = parseUuid(uuid);
    const qb = this.transactions.manager
      .createQueryBuilder(Verification, 'verification')
      .where('verification.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const verification = id ? await qb.getOne() : null;
    if (!verification || (verification.userId !== caller.id && !canReadAll(caller))) {
      throw new ModelNotFoundError('OnboardingVerification', uuid);
    }
    return verification;
  }

  private async viewOf(verification: Verification): Promise<VerificationView> {
    const [view] = await this.views.ofVerifications([verification]);
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

/** An ILIKE pattern matching `value` anywhere, with its wildcards taken literally. */
function containing(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
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
