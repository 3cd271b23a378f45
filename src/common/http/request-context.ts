import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { baseUrlOf } from './base-url.js';
import { requestIdOf } from './request-id.middleware.js';

interface RequestContext {
  requestId: string;
  baseUrl: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, for records written deep in services (audit events). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The base of absolute URLs for the request being served, for bodies built outside controllers. */
export function currentBaseUrl(): string | undefined {
  return storage.getStore()?.baseUrl;
}

/**
 * Global: makes the request id available to everything the handler calls. An interceptor rather
 * than a middleware because the body parser's stream callbacks would lose a middleware's context.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const store = { requestId: requestIdOf(request), baseUrl: baseUrlOf(request) };
    return new Observable((subscriber) =>
      storage.run(store, () => next.handle().subscribe(subscriber)),
    );
  }
}
