import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Express setting holding PUBLIC_BASE_URL; set by configureApp. */
export const PUBLIC_BASE_URL_SETTING = 'public base url';

/** Scheme, host and port the caller used, unless PUBLIC_BASE_URL pins them. */
export function baseUrlOf(request: Request): string {
  const configured = request.app.get(PUBLIC_BASE_URL_SETTING) as string | undefined;
  return configured ?? `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/** The base of this service's absolute URLs, for hyperlinked fields. */
export const BaseUrl = createParamDecorator((_data: unknown, ctx: ExecutionContext): string =>
  baseUrlOf(ctx.switchToHttp().getRequest<Request>()),
);
