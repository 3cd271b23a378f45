import { jest } from '@jest/globals';
import { HttpCode, HttpStatus } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { Request, Response } from 'express';
import { lastValueFrom, type Observable, of, throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import type { Transactions } from '../../database/transactions.js';
import { ConflictError, RequestValidationError } from '../errors/api-error.js';
import {
  IdempotencyKeyReusedError,
  IdempotencyRequestInProgressError,
} from './idempotency.errors.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import type { ClaimResult, IdempotencyService, KeyState } from './idempotency.service.js';
import { IdempotentResponse } from './stored-response.js';

class Routes {
  create() {}
  @HttpCode(HttpStatus.OK)
  confirm() {}
}

const STORED = { status: 201, headers: {}, body: '{"id":1}' };

interface Setup {
  method?: string;
  key?: string;
  handler?: keyof Routes;
  claim?: ClaimResult;
  reread?: KeyState;
  commitError?: Error;
}

function setup({
  method = 'POST',
  key = 'k-1',
  handler = 'create',
  claim = { kind: 'claimed', id: '7' },
  reread = { kind: 'busy' },
  commitError,
}: Setup = {}) {
  const queries: string[] = [];
  const tx = { query: jest.fn((sql: string) => Promise.resolve(void queries.push(sql))) };
  const transactions = {
    run: async (work: (manager: unknown) => Promise<unknown>) => {
      const result = await work(tx);
      if (commitError) throw commitError;
      return result;
    },
  } as unknown as Transactions;
  const keys = {
    claim: jest.fn(() => Promise.resolve(claim)),
    finish: jest.fn(() => Promise.resolve()),
    reread: jest.fn(() => Promise.resolve(reread)),
  };
  const request = {
    method,
    rawHeaders: key ? ['Idempotency-Key', key] : [],
    body: { name: 'a' },
    params: {},
    query: {},
    user: { id: 'user-1' },
    route: { path: '/v1/things' },
    originalUrl: '/v1/things',
    id: 'req-1',
  } as unknown as Request;
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    getHeader: (name: string) => headers[name.toLowerCase()],
  } as unknown as Response;
  const context = new ExecutionContextHost([request, response], Routes, Routes.prototype[handler]);
  const interceptor = new IdempotencyInterceptor(
    new Reflector(),
    transactions,
    keys as unknown as IdempotencyService,
  );
  const run = (result: Observable<unknown>) => {
    const handle = jest.fn(() => result);
    return {
      handle,
      value: lastValueFrom(interceptor.intercept(context, { handle }), {
        defaultValue: undefined,
      }),
    };
  };
  return { run, keys, queries, headers };
}

describe('IdempotencyInterceptor', () => {
  it('leaves requests without a key, and methods other than POST/PATCH, alone', async () => {
    for (const options of [{ key: '' }, { method: 'PUT' }, { method: 'DELETE' }]) {
      const { run, keys } = setup(options);
      const { value, handle } = run(of({ ok: true }));
      expect(await value).toEqual({ ok: true });
      expect(handle).toHaveBeenCalled();
      expect(keys.claim).not.toHaveBeenCalled();
    }
  });

  it('stores a success with the status of the route and returns the value', async () => {
    const { run, keys, queries } = setup();
    expect(await run(of({ id: 1 })).value).toEqual({ id: 1 });
    expect(keys.claim).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ principal: 'user-1', key: 'k-1', route: '/v1/things' }),
    );
    expect(queries).toEqual(['SAVEPOINT idempotent_handler']);
    expect(keys.finish).toHaveBeenCalledWith(expect.anything(), '7', {
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"id":1}',
    });
  });

  it('reads @HttpCode for the stored status', async () => {
    const { run, keys } = setup({ handler: 'confirm' });
    await run(of({ id: 1 })).value;
    expect(keys.finish).toHaveBeenCalledWith(
      expect.anything(),
      '7',
      expect.objectContaining({ status: 200 }),
    );
  });

  it('rolls a business 4xx back to the savepoint, stores it and sends it as stored', async () => {
    const { run, keys, queries } = setup();
    const sent = run(throwError(() => new ConflictError('Already decided.'))).value;
    await expect(sent).rejects.toEqual(
      new IdempotentResponse(
        {
          status: 409,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: expect.stringContaining('"code":"conflict"') as string,
        },
        false,
      ),
    );
    expect(queries).toEqual([
      'SAVEPOINT idempotent_handler',
      'ROLLBACK TO SAVEPOINT idempotent_handler',
    ]);
    expect(keys.finish).toHaveBeenCalledWith(
      expect.anything(),
      '7',
      expect.objectContaining({ status: 409 }),
    );
  });

  it.each([
    ['a 5xx', new Error('database gone')],
    ['a ValidationPipe failure', new RequestValidationError([])],
  ])(
    'stores nothing for %s: the error propagates and the transaction rolls back',
    async (_what, error) => {
      const { run, keys, queries } = setup();
      await expect(run(throwError(() => error)).value).rejects.toBe(error);
      expect(keys.finish).not.toHaveBeenCalled();
      expect(queries).toEqual(['SAVEPOINT idempotent_handler']);
    },
  );

  it('answers 409 with Retry-After while the key is busy, without running the handler', async () => {
    const { run, headers } = setup({ claim: { kind: 'busy' } });
    const { value, handle } = run(of({}));
    await expect(value).rejects.toBeInstanceOf(IdempotencyRequestInProgressError);
    expect(headers['retry-after']).toBe('1');
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 422 to another request under the same key', async () => {
    const { run } = setup({ claim: { kind: 'mismatch' } });
    await expect(run(of({})).value).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('replays a finished key', async () => {
    const { run } = setup({ claim: { kind: 'finished', response: STORED } });
    await expect(run(of({})).value).rejects.toEqual(new IdempotentResponse(STORED, true));
  });

  it.each(['23505', '40001', '40P01'])(
    're-reads the key when the transaction loses a race (%s) instead of failing',
    async (code) => {
      const commitError = new QueryFailedError('COMMIT', [], Object.assign(new Error(), { code }));
      const { run, keys } = setup({ commitError, reread: { kind: 'finished', response: STORED } });
      await expect(run(of({ id: 1 })).value).rejects.toEqual(new IdempotentResponse(STORED, true));
      expect(keys.reread).toHaveBeenCalledWith(
        expect.objectContaining({
          principal: 'user-1',
          key: 'k-1',
          fingerprint: expect.any(Buffer),
        }),
      );
    },
  );
});
