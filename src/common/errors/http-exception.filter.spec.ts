import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ApiError, ValidationFailedError } from './api-error.js';
import { HttpExceptionFilter } from './http-exception.filter.js';

function render(exception: unknown, url: string) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = {
    headers: {},
  };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({
      getRequest: () => ({ id: 'req-1', originalUrl: url }),
      getResponse: () => response,
    }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

const pgError = (code: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('pg'), { code }));

describe('HttpExceptionFilter', () => {
  it.each([
    ['23505', 409, 'conflict'],
    ['23503', 400, 'validation_error'],
    ['22P02', 400, 'validation_error'],
    ['22001', 400, 'validation_error'],
  ])('maps PostgreSQL %s to %i %s', (code, status, errorCode) => {
    const sent = render(pgError(code), '/v1/persons');
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ errors: [{ status, code: errorCode, id: 'req-1' }] });
  });

  it.each([
    ['a shutting-down server', pgError('57P01')],
    ['a lost connection', pgError('08006')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection ended mid-query', new Error('Connection terminated unexpectedly')],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect')],
    ['a transaction whose connection was dropped', new QueryRunnerAlreadyReleasedError()],
  ])('answers 503 with Retry-After for %s', (_case, error) => {
    const sent = render(error, '/v1/persons');
    expect(sent.status).toBe(503);
    expect(sent.headers).toEqual({ 'Retry-After': '1' });
    expect(sent.body).toMatchObject({ errors: [{ status: 503, code: 'service_unavailable' }] });
  });

  it('hides any other database error behind a 500', () => {
    const sent = render(pgError('42P01'), '/api/users/');
    expect(sent).toMatchObject({
      status: 500,
      body: { detail: expect.stringContaining('req-1'), request_id: 'req-1' },
    });
  });

  it('renders DRF field errors and non-field errors', () => {
    expect(
      render(
        new ValidationFailedError([
          { field: 'a', message: 'x' },
          { field: 'a', message: 'y' },
          { field: 'b', message: 'z' },
        ]),
        '/api/x',
      ).body,
    ).toEqual({ a: ['x', 'y'], b: ['z'] });
    expect(render(new ValidationFailedError([], 'Both dates are needed.'), '/api/x').body).toEqual({
      non_field_errors: ['Both dates are needed.'],
    });
  });

  it('uses the drfKey of an error', () => {
    const error = new ApiError(
      403,
      'unauthorized_action',
      'You can only justify your own verifications',
      [],
      'error',
    );
    expect(render(error, '/api/onboarding-justifications/').body).toEqual({
      error: 'You can only justify your own verifications',
    });
  });

  it('maps Nest exceptions to codes', () => {
    expect(render(new PayloadTooLargeException('File too large'), '/v1/x').body).toMatchObject({
      errors: [{ status: 413, code: 'payload_too_large', title: 'Payload Too Large' }],
    });
    expect(render(new NotFoundException('Cannot GET /v1/nope'), '/v1/nope').body).toMatchObject({
      errors: [{ status: 404, code: 'not_found' }],
    });
  });

  it('sets WWW-Authenticate on 401', () => {
    expect(render(new ApiError(401, 'invalid_token', 'Invalid token.'), '/api/x').headers).toEqual({
      'WWW-Authenticate': 'Token',
    });
  });
});
