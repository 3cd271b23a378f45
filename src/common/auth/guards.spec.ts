import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../errors/api-error.js';
import { ACCESS, IS_PUBLIC } from './auth.decorators.js';
import { AuthGuard } from './auth.guard.js';
import type { Principal } from './principal.js';
import { StaffGuard } from './staff.guard.js';
import { TokenVerifier } from './token-verifier.js';

const alice: Principal = { id: 'a', username: 'alice', isStaff: false, isSupport: false };
const staff: Principal = { ...alice, isStaff: true };
const support: Principal = { ...alice, isSupport: true };

function contextFor(request: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  const handler = () => undefined;
  Object.entries(metadata).forEach(([key, value]) => Reflect.defineMetadata(key, value, handler));
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

class Keys extends TokenVerifier {
  verify(key: string) {
    return Promise.resolve(key === 'good-key' ? alice : undefined);
  }
}

describe('AuthGuard', () => {
  const guard = new AuthGuard(new Reflector(), new Keys());

  const rejection = (request: Record<string, unknown>) =>
    guard.canActivate(contextFor(request)).then(
      () => undefined,
      (error: ApiError) => [error.status, error.code],
    );

  it('lets public routes through without a token', async () => {
    await expect(
      guard.canActivate(contextFor({ headers: {} }, { [IS_PUBLIC]: true })),
    ).resolves.toBe(true);
  });

  it('answers 401 token_required without a header and invalid_token for a bad one', async () => {
    expect(await rejection({ headers: {} })).toEqual([401, 'token_required']);
    expect(await rejection({ headers: { authorization: 'Token bad-key' } })).toEqual([
      401,
      'invalid_token',
    ]);
    expect(await rejection({ headers: { authorization: 'Basic good-key' } })).toEqual([
      401,
      'invalid_token',
    ]);
    expect(await rejection({ headers: { authorization: 'Token good-key extra' } })).toEqual([
      401,
      'invalid_token',
    ]);
  });

  it.each(['Token good-key', 'Bearer good-key', 'bearer good-key', 'Token  good-key'])(
    'accepts %p and attaches the user',
    async (header) => {
      const request: Record<string, unknown> = { headers: { authorization: header } };
      await expect(guard.canActivate(contextFor(request))).resolves.toBe(true);
      expect(request.user).toBe(alice);
    },
  );
});

describe('StaffGuard', () => {
  const guard = new StaffGuard(new Reflector());
  const allowed = (user: Principal, access?: string) => {
    try {
      return guard.canActivate(contextFor({ user }, access ? { [ACCESS]: access } : {}));
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(403);
      return false;
    }
  };

  it('lets everyone through unmarked routes', () => {
    expect(allowed(alice)).toBe(true);
  });

  it('lets only staff through @StaffOnly()', () => {
    expect([allowed(alice, 'staff'), allowed(support, 'staff'), allowed(staff, 'staff')]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('lets staff and support through @StaffOrSupport()', () => {
    expect([
      allowed(alice, 'staff-or-support'),
      allowed(support, 'staff-or-support'),
      allowed(staff, 'staff-or-support'),
    ]).toEqual([false, true, true]);
  });
});
