import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions.js';
import type { StoredResponse } from './stored-response.js';

export interface KeyClaim {
  principal: string;
  key: string;
  method: string;
  route: string;
  fingerprint: Buffer;
}

/** What an existing key means for a request: still running, another request, or its response. */
export type KeyState =
  { kind: 'busy' } | { kind: 'mismatch' } | { kind: 'finished'; response: StoredResponse };

/** The key claimed for this request, or the state of the key someone else holds. */
export type ClaimResult = { kind: 'claimed'; id: string } | KeyState;

interface KeyRow {
  id: string;
  fingerprint: Buffer;
  status: 'started' | 'finished';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  expired: boolean;
}

const SELECT_KEY = `
  SELECT id, fingerprint, status, response_status, response_headers, response_body,
         expires_at <= now() AS expired
  FROM idempotency_keys WHERE principal = $1 AND key = $2`;

/** Rows per DELETE when reaping, and batches per run: each run stays a bounded transaction. */
const REAP_BATCH = 1000;
const REAP_MAX_BATCHES = 20;

/**
 * The SQL of the idempotency keys. `claim` and `finish` run inside the transaction that also
 * holds the request's work (see IdempotencyInterceptor).
 */
@Injectable()
export class IdempotencyService {
  private readonly ttlHours: number;

  constructor(
    private readonly transactions: Transactions,
    config: AppConfig,
  ) {
    this.ttlHours = config.idempotencyTtlHours;
  }

  /**
   * First statement of the transaction: the key's advisory lock, so that a concurrent request
   * with the same key (on any replica) answers 409 at once instead of queueing on the row. Then
   * the key row is inserted; only when the key exists already is it read (FOR UPDATE) and judged.
   * Inserting first saves a round trip for the common case, a new key; under READ COMMITTED the
   * conflict check sees every committed row, and UNIQUE(principal, key) stays the final guard.
   */
  async claim(tx: EntityManager, claim: KeyClaim): Promise<ClaimResult> {
    const [{ locked }] = await tx.query<[{ locked: boolean }]>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0)) AS locked`,
      [claim.principal, claim.key],
    );
    if (!locked) return this.state(tx, claim);

    const inserted = await this.insert(tx, claim);
    if (inserted) return { kind: 'claimed', id: inserted };
    const [row] = await tx.query<KeyRow[]>(`${SELECT_KEY} FOR UPDATE`, [
      claim.principal,
      claim.key,
    ]);
    if (row && !row.expired) return this.judge(row, claim.fingerprint);
    // Expired (or reaped meanwhile): the key starts a new request.
    if (row) await tx.query('DELETE FROM idempotency_keys WHERE id = $1', [row.id]);
    const id = await this.insert(tx, claim);
    if (!id) throw new Error('Idempotency key row reappeared under its lock');
    return { kind: 'claimed', id };
  }

  private async insert(tx: EntityManager, claim: KeyClaim): Promise<string | undefined> {
    const [row] = await tx.query<{ id: string }[]>(
      `INSERT INTO idempotency_keys
         (principal, key, request_method, request_route, fingerprint, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
       ON CONFLICT (principal, key) DO NOTHING
       RETURNING id`,
      [claim.principal, claim.key, claim.method, claim.route, claim.fingerprint, this.ttlHours],
    );
    return row?.id;
  }

  async finish(tx: EntityManager, id: string, response: StoredResponse): Promise<void> {
    await tx.query(
      `UPDATE idempotency_keys
       SET status = 'finished', response_status = $2, response_headers = $3, response_body = $4
       WHERE id = $1`,
      [id, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  /**
   * The key's state read without its lock: after losing the race for the lock (a request that
   * has just committed is replayed rather than answered 409) or for the transaction
   * (23505/40001/40P01). A key whose request is still running has no committed row: busy.
   */
  async state(
    manager: EntityManager,
    { principal, key, fingerprint }: Pick<KeyClaim, 'principal' | 'key' | 'fingerprint'>,
  ): Promise<KeyState> {
    const [row] = await manager.query<KeyRow[]>(SELECT_KEY, [principal, key]);
    if (!row || row.expired) return { kind: 'busy' };
    return this.judge(row, fingerprint);
  }

  /** `state` outside any transaction, after one was rolled back. */
  reread(claim: Pick<KeyClaim, 'principal' | 'key' | 'fingerprint'>): Promise<KeyState> {
    return this.state(this.transactions.manager, claim);
  }

  /** Deletes expired keys, oldest first, in bounded batches; returns how many. */
  async reapExpired(): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < REAP_MAX_BATCHES; batch++) {
      const [{ deleted }] = await this.transactions.manager.query<[{ deleted: number }]>(
        `WITH gone AS (
           DELETE FROM idempotency_keys WHERE id IN (
             SELECT id FROM idempotency_keys WHERE expires_at <= now()
             ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [REAP_BATCH],
      );
      total += deleted;
      if (deleted < REAP_BATCH) break;
    }
    return total;
  }

  private judge(row: KeyRow, fingerprint: Buffer): KeyState {
    if (!row.fingerprint.equals(fingerprint)) return { kind: 'mismatch' };
    if (row.status !== 'finished' || row.response_status === null) return { kind: 'busy' };
    return {
      kind: 'finished',
      response: {
        status: row.response_status,
        headers: row.response_headers ?? {},
        body: row.response_body,
      },
    };
  }
}
