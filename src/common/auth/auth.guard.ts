import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../errors/api-error.js';
import { IS_PUBLIC } from './auth.decorators.js';
import { TokenVerifier } from './token-verifier.js';

const SCHEME = /^(?:Token|Bearer) +(\S+) *$/i;

/** Global: every route needs `Authorization: Token|Bearer <key>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization;
    if (!header) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'token_required',
        'Authentication credentials were not provided.',
      );
    }
    const key = SCHEME.exec(header)?.[1];
    const principal = key ? await this.tokens.verify(key) : undefined;
    if (!principal) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'invalid_token', 'Invalid token.');
    }
    request.user = principal;
    return true;
  }
}
