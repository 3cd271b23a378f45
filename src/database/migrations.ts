import type { DataSource, Migration } from 'typeorm';
import { installJobQueueSchema } from './job-queue.js';

/** Any constant will do; every replica uses the same one. */
const MIGRATION_LOCK_KEY = 7_240_001;

/**
 * Runs pending migrations, then installs or upgrades the job queue's schema, while holding a
 * PostgreSQL advisory lock, so replicas booting together migrate once and the others wait, then
 * find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await installJobQueueSchema(runner);
      return applied;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
