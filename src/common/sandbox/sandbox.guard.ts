import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Injectable,
  NotFoundException,
  SetMetadata,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { Reflector } from '@nestjs/core';
import { ApiNotFoundResponse } from '@nestjs/swagger';
import type { Request } from 'express';

export const SANDBOX_ONLY = 'sandbox:only';

/** Marks a route that exists only while SANDBOX=true (the default); enforced by SandboxGuard. */
export const SandboxOnly = () =>
  applyDecorators(
    SetMetadata(SANDBOX_ONLY, true),
    ApiNotFoundResponse({ description: 'Sandbox only: absent (404) when SANDBOX=false.' }),
  );

/**
 * Global and first of the guards: with SANDBOX=false a sandbox-only route answers exactly what an
 * unknown route answers, before authentication, so its existence does not show.
 */
@Injectable()
export class SandboxGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const sandboxOnly = this.reflector.getAllAndOverride<boolean | undefined>(SANDBOX_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!sandboxOnly || this.config.sandbox) return true;
    const request = context.switchToHttp().getRequest<Request>();
    throw new NotFoundException(`Cannot ${request.method} ${request.originalUrl}`);
  }
}
