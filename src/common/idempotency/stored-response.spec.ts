import { Readable } from 'node:stream';
import { BadRequestException, HttpStatus, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { of } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import {
  ApiError,
  ConflictError,
  ForbiddenActionError,
  ModelNotFoundError,
  RequestValidationError,
  ValidationFailedError,
} from '../errors/api-error.js';
import { isStorableFailure, storedFailure, storedSuccess } from './stored-response.js';

const request = (path: string) => ({ originalUrl: path, id: 'req-1' }) as unknown as Request;

const response = (headers: Record<string, string> = {}, headersSent = false) =>
  ({
    headersSent,
    getHeader: (name: string) => headers[name.toLowerCase()],
  }) as unknown as Response;

const pgError = (code: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('pg'), { code }));

describe('storage policy', () => {
  const v1 = request('/v1/things');

  it.each<[string, unknown]>([
    ['a domain validation error', ValidationFailedError.field('person_id', 'is unknown.')],
    ['a 404', new ModelNotFoundError('Person', 'x')],
    ['a 403 decided by the handler', new ForbiddenActionError()],
    ['a 409', new ConflictError('Already decided.')],
    ['a unique violation', pgError('23505')],
    ['a foreign-key violation', pgError('23503')],
  ])('stores %s', (_what, error) => {
    expect(isStorableFailure(error, v1)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a ValidationPipe failure (the handler never ran)', new RequestValidationError([])],
    ["a Nest pipe's HttpException", new BadRequestException('Validation failed (uuid)')],
    ['a 429', new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'too_many_requests', 'Slow down.')],
    ['a 5xx ApiError', new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'unavailable', 'Later.')],
    ['a serialization failure', pgError('40001')],
    ['a deadlock', pgError('40P01')],
    ['an unexpected error', new Error('boom')],
  ])('does not store %s', (_what, error) => {
    expect(isStorableFailure(error, v1)).toBe(false);
  });

  it('stores a failure as the exception filter renders it, in the route family dialect', () => {
    const error = new ConflictError('Already decided.');
    expect(storedFailure(error, request('/api/things/'))).toEqual({
      status: 409,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"detail":"Already decided."}',
    });
    const solaris = storedFailure(error, v1);
    expect(JSON.parse(solaris.body!)).toEqual({
      errors: [
        {
          id: 'req-1',
          status: 409,
          code: 'conflict',
          title: 'Conflict',
          detail: 'Already decided.',
        },
      ],
    });
  });
});

describe('storedSuccess', () => {
  it('stores JSON exactly as sent, with the Location the handler set', () => {
    expect(
      storedSuccess({ b: 1, a: 'ü' }, 201, response({ location: '/v1/things/1', etag: 'x' })),
    ).toEqual({
      status: 201,
      headers: {
        location: '/v1/things/1',
        'content-type': 'application/json; charset=utf-8',
      },
      body: '{"b":1,"a":"ü"}',
    });
  });

  it('stores an empty body for nil results and text for scalars', () => {
    expect(storedSuccess(undefined, 204, response())).toEqual({
      status: 204,
      headers: {},
      body: null,
    });
    expect(storedSuccess(42, 200, response({ 'content-type': 'text/plain' }))).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain' },
      body: '42',
    });
  });

  it.each<[string, unknown]>([
    ['a StreamableFile', new StreamableFile(Buffer.from('x'))],
    ['a stream', Readable.from(['x'])],
    ['a Buffer', Buffer.from('x')],
    ['an Observable', of(1)],
    ['a function', () => 1],
  ])('refuses %s, which cannot be replayed', (_what, value) => {
    expect(() => storedSuccess(value, 200, response())).toThrow('@Idempotent() routes');
  });

  it('refuses a handler that wrote the response itself (@Res())', () => {
    expect(() => storedSuccess(undefined, 200, response({}, true))).toThrow(
      '@Idempotent() routes must return their result, not write the response',
    );
  });
});
