import type { EnvironmentVariables } from '../config/env.validation.js';
import { startEmbeddedPostgres, type RunningDatabase } from './embedded-postgres.js';

/** The configured external PostgreSQL, or an embedded one started for this process. */
export async function openDatabase(
  env: Pick<EnvironmentVariables, 'DATABASE_URL' | 'DATA_DIR' | 'EMBEDDED_PG_PORT'>,
): Promise<RunningDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, stop: () => Promise.resolve() };
  }
  return startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
}
