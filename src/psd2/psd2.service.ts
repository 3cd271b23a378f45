import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { canReadAll, type Principal } from '../common/auth/principal.js';
import { ForbiddenActionError, ModelNotFoundError } from '../common/errors/api-error.js';
import { newSolarisId } from '../common/ids/ids.js';
import { lockedQuery, type Transaction, Transactions } from '../database/transactions.js';
import { CustomersService } from '../persons/customers.service.js';
import type { Person } from '../persons/entities/person.entity.js';
import type { CreateChallengeDto, UpdateChallengeDto } from './dto/psd2-challenge.dto.js';
import { Psd2Challenge } from './entities/psd2-challenge.entity.js';
import {
  ChallengeExpiredError,
  ChallengePersonMismatchError,
  ONLY_STAFF_OUTSIDE_SANDBOX,
  UNKNOWN_PERSON,
} from './psd2.errors.js';
import { AppConfig } from '../config/app-config.js';
import { PSD2_CHALLENGE } from './psd2.models.js';

/**
 * Expired challenges stay a day before the cleanup deletes them, so a customer who comes back
 * late still gets "Challenge expired." (401) rather than an unknown challenge (404).
 */
export const EXPIRED_CHALLENGE_RETENTION_MS = 24 * 3600_000;

@Injectable()
export class Psd2Service {
  constructor(
    private readonly transactions: Transactions,
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  private get challenges() {
    return this.transactions.manager.getRepository(Psd2Challenge);
  }

  /**
   * Opens a challenge, as a TPP's login request does: staff anywhere, anyone in the sandbox (a
   * partner's challenge is its own; staff's belongs to the person's partner, or to whichever
   * partner claims it when no person is named).
   */
  create(caller: Principal, dto: CreateChallengeDto): Promise<Psd2Challenge> {
    if (!caller.isStaff && !this.config.sandbox) {
      throw new ForbiddenActionError(ONLY_STAFF_OUTSIDE_SANDBOX);
    }
    return this.transactions.run(async () => {
      // Solaris ignores null members: an explicit null names no person.
      const personId = dto.person_id ?? undefined;
      const person = personId === undefined ? undefined : await this.person(caller, personId);
      const ttlSeconds = dto.ttl_seconds ?? this.config.psd2ChallengeTtlSeconds;
      const challenge = await this.challenges.save(
        this.challenges.create({
          id: newSolarisId(PSD2_CHALLENGE),
          partnerId: person?.partnerId ?? (caller.isStaff ? null : caller.id),
          personId: person?.id ?? null,
          status: 'PENDING',
          redirectUrl: null,
          expiresAt: new Date(Date.now() + ttlSeconds * 1000),
        }),
      );
      await this.audit.record({
        actorId: caller.id,
        action: 'psd2.challenge_created',
        objectType: 'psd2_challenge',
        objectId: challenge.id,
        after: {
          person_id: challenge.personId,
          status: challenge.status,
          expires_at: challenge.expiresAt.toISOString(),
        },
      });
      return challenge;
    });
  }

  /** Verification: the challenge if it exists for the caller and has not expired. */
  verify(caller: Principal, id: string): Promise<Psd2Challenge> {
    return this.live(caller, id);
  }

  /**
   * Binds the person who logged in and issues the second-factor redirect. The row is locked, so
   * of concurrent binds with different persons exactly one wins; repeating the winning bind
   * answers the same again.
   */
  bind(caller: Principal, id: string, dto: UpdateChallengeDto): Promise<Psd2Challenge> {
    return this.transactions.run(async (tx) => {
      const challenge = await this.live(caller, id, tx);
      const person = await this.person(caller, dto.person_id);
      const otherPerson = challenge.personId !== null && challenge.personId !== person.id;
      const otherPartner = challenge.partnerId !== null && challenge.partnerId !== person.partnerId;
      if (otherPerson || otherPartner) throw new ChallengePersonMismatchError();
      if (challenge.status === 'AUTHENTICATED') return challenge;

      const before = { person_id: challenge.personId, status: challenge.status };
      challenge.personId = person.id;
      challenge.partnerId = person.partnerId;
      challenge.status = 'AUTHENTICATED';
      challenge.redirectUrl = this.redirectUrlOf(challenge.id);
      const saved = await this.challenges.save(challenge);
      await this.audit.record({
        actorId: caller.id,
        action: 'psd2.challenge_authenticated',
        objectType: 'psd2_challenge',
        objectId: saved.id,
        before,
        after: { person_id: saved.personId, status: saved.status, redirect_url: saved.redirectUrl },
      });
      return saved;
    });
  }

  /** Deletes challenges expired longer than the retention; the number deleted. */
  async deleteExpired(now = new Date()): Promise<number> {
    const result = await this.challenges.delete({
      expiresAt: LessThan(new Date(now.getTime() - EXPIRED_CHALLENGE_RETENTION_MS)),
    });
    return result.affected ?? 0;
  }

  private redirectUrlOf(id: string): string {
    const url = new URL(this.config.psd2RedirectBaseUrl);
    url.searchParams.set('consent_challenge', id);
    return url.toString();
  }

  /**
   * The challenge if the caller may see it (404 otherwise, as if absent) and it has not expired
   * (401). Given `lockIn`, its row stays locked (FOR UPDATE) until that transaction ends.
   */
  private async live(caller: Principal, id: string, lockIn?: Transaction): Promise<Psd2Challenge> {
    const query = lockIn
      ? lockedQuery(lockIn, Psd2Challenge, 'challenge')
      : this.challenges.createQueryBuilder('challenge');
    const challenge = await query.where('challenge.id = :id', { id }).getOne();
    const visible =
      challenge !== null &&
      (challenge.partnerId === null || challenge.partnerId === caller.id || canReadAll(caller));
    if (!challenge || !visible) throw new ModelNotFoundError(PSD2_CHALLENGE.name, id);
    if (challenge.expiresAt.getTime() <= Date.now()) throw new ChallengeExpiredError();
    return challenge;
  }

  /** A person the caller may act for (its own; staff: any), else 400 naming `person_id`. */
  private async person(caller: Principal, personId: string): Promise<Person> {
    try {
      return await this.customers.person(caller, personId, 'write');
    } catch (error) {
      if (error instanceof ModelNotFoundError) {
        throw UNKNOWN_PERSON();
      }
      throw error;
    }
  }
}
