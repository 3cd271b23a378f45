import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable, throwError } from 'rxjs';
import { Transactions } from '../../database/transactions.js';
import { fingerprintOf, uploadedFilesOf } from './fingerprint.js';
import {
  IdempotencyKeyReusedError,
  IdempotencyRequestInProgressError,
} from './idempotency.errors.js';
import { IdempotencyService, type KeyState } from './idempotency.service.js';
import { idempotencyKeyOf } from './request-key.js';
import {
  IdempotentResponse,
  isStorableFailure,
  type StoredResponse,
  storedFailure,
  storedSuccess,
} from './stored-response.js';

export const IDEMPOTENT_OPTIONS = 'idempotency:options';

export interface IdempotentOptions {
  /** A body field that carries the key too (Solaris documents `idempotency_key`). */
  bodyKey?: 'idempotency_key';
}

const METHODS = new Set(['POST', 'PATCH']);

/** SQLSTATEs after which the key is re-read instead of failing: unique, serialization, deadlock. */
const RACE_LOST = new Set(['23505', '40001', '40P01']);

function sqlStateOf(error: unknown): string | undefined {
  const { code, driverError } = (error ?? {}) as {
    code?: unknown;
    driverError?: { code?: unknown };
  };
  const state = code ?? driverError?.code;
  return typeof state === 'string' ? state : undefined;
}

type Outcome =
  | { kind: 'result'; value: unknown }
  | { kind: 'stored'; response: StoredResponse; replayed: boolean };

/**
 * Idempotency-Key handling of one route (bound by @Idempotent(), never globally: it must see the
 * parsed multipart body). A request with a key runs in ONE READ COMMITTED transaction holding the
 * key's advisory lock, the key row, the handler's work (services join it through Transactions)
 * and the stored response, committed before the response is sent:
 * - same key in flight → 409 `idempotency_request_in_progress` + Retry-After;
 * - same key, other fingerprint → 422 `idempotency_key_reused`;
 * - same key, finished → the stored status, headers and body + `Idempotent-Replayed: true`;
 * - success and domain 4xx are stored (a 4xx after rolling back the handler's writes to a
 *   savepoint); 5xx, validation failures of the ValidationPipe and anything unexpected roll the
 *   whole transaction back, so a retry runs again.
 * A handler whose client disconnected still completes and commits; the retry replays it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly transactions: Transactions,
    private readonly keys: IdempotencyService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (!METHODS.has(request.method)) return next.handle();
    const options =
      this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT_OPTIONS, context.getHandler()) ??
      {};
    let key: string | undefined;
    try {
      key = idempotencyKeyOf(request, options.bodyKey);
    } catch (error) {
      return throwError(() => error);
    }
    if (key === undefined) return next.handle();
    return from(this.execute(context, next, key, options));
  }

  private async execute(
    context: ExecutionContext,
    next: CallHandler,
    key: string,
    options: IdempotentOptions,
  ): Promise<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const principal = request.user?.id;
    if (!principal) throw new Error('@Idempotent() needs an authenticated route');
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const fingerprint = await fingerprintOf({
      method: request.method,
      route,
      params: request.params,
      query: request.query,
      body: withoutField(request.body, options.bodyKey),
      files: uploadedFilesOf(request),
    });
    const claim = { principal, key, method: request.method, route, fingerprint };

    let outcome: Outcome;
    try {
      outcome = await this.transactions.run(async (tx) => {
        const claimed = await this.keys.claim(tx, claim);
        if (claimed.kind !== 'claimed') return this.settle(claimed, response);
        await tx.query('SAVEPOINT idempotent_handler');
        let value: unknown;
        try {
          value = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (error) {
          if (!isStorableFailure(error, request)) throw error;
          await tx.query('ROLLBACK TO SAVEPOINT idempotent_handler');
          const stored = storedFailure(error, request);
          await this.keys.finish(tx, claimed.id, stored);
          return { kind: 'stored', response: stored, replayed: false };
        }
        const status = this.successStatusOf(context, request.method);
        await this.keys.finish(tx, claimed.id, storedSuccess(value, status, response));
        return { kind: 'result', value };
      });
    } catch (error) {
      if (!RACE_LOST.has(sqlStateOf(error) ?? '')) throw error;
      outcome = this.settle(await this.keys.reread(claim), response);
    }
    if (outcome.kind === 'stored') throw new IdempotentResponse(outcome.response, outcome.replayed);
    return outcome.value;
  }

  /** The answer to a request that found the key taken: 409, 422 or the stored response. */
  private settle(claim: KeyState, response: Response): Outcome {
    switch (claim.kind) {
      case 'busy':
        response.setHeader('Retry-After', '1');
        throw new IdempotencyRequestInProgressError();
      case 'mismatch':
        throw new IdempotencyKeyReusedError();
      case 'finished':
        return { kind: 'stored', response: claim.response, replayed: true };
    }
  }

  /** Nest applies `@HttpCode` only after interceptors, so the success status comes from metadata. */
  private successStatusOf(context: ExecutionContext, method: string): number {
    return (
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK)
    );
  }
}

/** The body without the field that carries the key, so header and body key fingerprint alike. */
function withoutField(body: unknown, field: string | undefined): unknown {
  if (!field || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  delete copy[field];
  return copy;
}
