import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IdempotentResponse } from './stored-response.js';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Sends a stored response byte for byte. A filter because the status of a normal result is
 * fixed by the route (`@HttpCode`) after interceptors run, while a replay needs its own.
 */
@Catch(IdempotentResponse)
export class IdempotentResponseFilter implements ExceptionFilter<IdempotentResponse> {
  catch({ response: stored, replayed }: IdempotentResponse, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(stored.status).set(stored.headers);
    if (replayed) response.setHeader(REPLAYED_HEADER, 'true');
    if (stored.body === null) response.send();
    else response.send(stored.body);
  }
}
