import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTED = /^[A-Za-z0-9._-]{8,128}$/;

/** Every request gets an id (the caller's X-Request-Id when sane), echoed on every response. */
export function requestIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const incoming = request.get('x-request-id');
  const id = incoming && ACCEPTED.test(incoming) ? incoming : randomUUID();
  request.id = id;
  response.setHeader('X-Request-Id', id);
  next();
}

/** The id the middleware gave this request. */
export function requestIdOf(request: Request): string {
  return request.id as string;
}
