// Runs outside Jest's module system, so it uses the compiled launcher and CLI (`pretest` builds them).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

/**
 * One real PostgreSQL for the whole run. Its `compliance` database is migrated by the real
 * migration CLI and then serves as the template each suite clones.
 */
export default async function globalSetup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'compliance-test-'));
  // The server runs as the `postgres` OS user when tests run as root; it must reach its directory.
  await chmod(dataDir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  globalThis.__TEST_DATABASE__ = database;
  await promisify(execFile)('node', ['dist/src/database/migrate.js', 'run'], {
    env: { ...process.env, DATABASE_URL: database.url },
  });
  process.env.TEST_TEMPLATE_DATABASE_URL = database.url;
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL ??= 'silent';
  process.env.SANDBOX ??= 'true';
  // Deliveries in tests: quick retries and timeouts, few workers per app instance.
  process.env.WEBHOOK_RETRY_BASE_MS ??= '200';
  process.env.WEBHOOK_TIMEOUT_MS ??= '2000';
  process.env.WEBHOOK_POLL_INTERVAL_MS ??= '500';
  process.env.WEBHOOK_CONCURRENCY ??= '2';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
