import PgBoss from 'pg-boss';
import type { QueryRunner } from 'typeorm';

/** The PostgreSQL schema holding pg-boss's tables. */
export const JOB_QUEUE_SCHEMA = 'pgboss';

/**
 * Creates pg-boss's schema, or migrates it to the installed pg-boss version, on the connection of
 * `runner`. Called while that connection holds the migration lock, so replicas booting together
 * never race on it; the application's pg-boss then starts with `migrate: false`.
 */
export async function installJobQueueSchema(runner: QueryRunner): Promise<void> {
  const client = (await runner.connect()) as {
    query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  };
  const installer = new PgBoss({
    schema: JOB_QUEUE_SCHEMA,
    db: { executeSql: (text, values) => client.query(text, values) },
    migrate: true,
    supervise: false,
    schedule: false,
  });
  await installer.start();
  await installer.stop({ graceful: false, close: false });
}
