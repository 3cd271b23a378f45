import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenActionError } from '../errors/api-error.js';
import { ACCESS, type Access } from './auth.decorators.js';
import { canReadAll } from './principal.js';

/** Global, after the AuthGuard: enforces @StaffOnly() and @StaffOrSupport() with a 403. */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) return true;
    const user = context.switchToHttp().getRequest<Request>().user;
    const allowed = access === 'staff' ? user?.isStaff : user && canReadAll(user);
    if (!allowed) throw new ForbiddenActionError();
    return true;
  }
}
