import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import { ForbiddenActionError } from '../errors/api-error.js';
import { ApiErrorResponse } from '../openapi/error-response.decorator.js';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'auth:public';
export const ACCESS = 'auth:access';

/** Who may call a route beyond any authenticated user. */
export type Access = 'staff' | 'staff-or-support';

/** Opts a route out of authentication (health, docs). Everything else needs a token. */
export const Public = () =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    // An empty requirement list overrides the document's global bearer requirement.
    SetMetadata(DECORATORS.API_SECURITY, []),
  );

/** The one marker of staff-only routes (approve, reject, …); enforced by the StaffGuard. */
export const StaffOnly = () =>
  applyDecorators(
    SetMetadata(ACCESS, 'staff' satisfies Access),
    ApiErrorResponse(new ForbiddenActionError(), 'The caller is not staff.'),
  );

/** Read-everything routes for staff and support; enforced by the StaffGuard. */
export const StaffOrSupport = () =>
  applyDecorators(
    SetMetadata(ACCESS, 'staff-or-support' satisfies Access),
    ApiErrorResponse(new ForbiddenActionError(), 'The caller is neither staff nor support.'),
  );

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const user = ctx.switchToHttp().getRequest<Request>().user;
    if (!user) throw new Error('CurrentUser used on a public route');
    return user;
  },
);
