import type { Logger } from 'nestjs-pino';
import { AppLogger, logFormat } from './logging.module.js';

describe('logFormat', () => {
  it('is pretty on a terminal and JSON otherwise when LOG_FORMAT is unset', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat(undefined, false)).toBe('json');
  });

  it('follows LOG_FORMAT whatever stdout is', () => {
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat('pretty', false)).toBe('pretty');
  });
});

describe('AppLogger', () => {
  function recorder() {
    const calls: [string, unknown[]][] = [];
    const record =
      (level: string) =>
      (...args: unknown[]) =>
        calls.push([level, args]);
    const pino = { log: record('info'), debug: record('debug') } as unknown as Logger;
    return { calls, logger: new AppLogger(pino) };
  }

  it.each(['InstanceLoader', 'RoutesResolver', 'RouterExplorer'])(
    "sends Nest's %s lines to debug",
    (context) => {
      const { calls, logger } = recorder();
      logger.log('UsersModule dependencies initialized', context);
      expect(calls).toEqual([['debug', ['UsersModule dependencies initialized', context]]]);
    },
  );

  it('keeps every other line at info', () => {
    const { calls, logger } = recorder();
    logger.log('Listening', 'Bootstrap');
    logger.log('no context');
    expect(calls).toEqual([
      ['info', ['Listening', 'Bootstrap']],
      ['info', ['no context']],
    ]);
  });
});
