import { Injectable, type LoggerService, Module } from '@nestjs/common';
import type { Request } from 'express';
import { Logger, LoggerModule, type Params } from 'nestjs-pino';
import { destination, type DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config.js';
import type { LogFormat } from '../config/env.validation.js';
import { requestIdOf } from '../common/http/request-id.middleware.js';

/**
 * Nest's start-up chatter: a line per module ("dependencies initialized") and per route. Useful
 * when debugging the wiring, noise otherwise.
 */
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** The application's Nest logger: nestjs-pino, with the framework's wiring lines at debug. */
@Injectable()
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    if (WIRING_CONTEXTS.has(params.at(-1) as string)) this.pino.debug(message, ...params);
    else this.pino.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.pino.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.pino.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.pino.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.pino.verbose(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.pino.fatal(message, ...params);
  }
}

/** LOG_FORMAT, or pretty when a person is watching stdout and JSON for everything else. */
export function logFormat(configured: LogFormat | undefined, stdoutIsTty: boolean): LogFormat {
  return configured ?? (stdoutIsTty ? 'pretty' : 'json');
}

async function loggerParams(config: AppConfig): Promise<Params> {
  const options = {
    level: config.logLevel,
    genReqId: (request: unknown) => requestIdOf(request as Request),
    // One short line per request: who asked what and how it ended. No headers: they would cost
    // more to serialise than the request itself and carry credentials.
    serializers: {
      req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request: unknown, response: { statusCode: number }, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : 'info',
  };
  const format = logFormat(config.logFormat, process.stdout.isTTY === true);
  if (format === 'pretty') return { pinoHttp: [options, await prettyStream()] };
  // Asynchronous writes: under load the lines written while one write is in flight go out
  // together instead of one blocking write each. Nothing waits for a buffer to fill, and pino
  // flushes what is pending when the process exits.
  return { pinoHttp: [options, destination({ dest: 1, sync: false })] };
}

/**
 * pino-pretty in this thread, writing synchronously: nothing is lost when the process exits right
 * after a line (a worker-thread transport could drop it). A request is one line.
 */
async function prettyStream(): Promise<DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: (log, messageKey) => {
      const message = log[messageKey] as string;
      const req = log.req as { id?: string; method?: string; url?: string } | undefined;
      const res = log.res as { statusCode?: number } | undefined;
      if (req && res) {
        return `${req.method} ${req.url} ${res.statusCode} ${String(log.responseTime)} ms [${req.id}]`;
      }
      const context = log.context as string | undefined;
      return context ? `[${context}] ${message}` : message;
    },
  });
}

/** pino for Nest and for the HTTP access log, in the format LOG_FORMAT (or the terminal) asks. */
@Module({
  imports: [LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams })],
  providers: [AppLogger],
  exports: [AppLogger],
})
export class LoggingModule {}
