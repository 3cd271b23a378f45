import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunningDatabase } from '../../src/database/database-server.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

/**
 * The compiled service (dist/src/main.js) and its PostgreSQL as real OS processes, for the tests
 * and benchmarks that kill, restart or load them from outside. Everything binds 127.0.0.1.
 */

/** The checkout: the nearest folder up holding package.json (this file also runs from dist/). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}
const PROJECT_ROOT = projectRoot();

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A scratch directory the `postgres` OS user can reach (the processes may run as root). */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** An embedded PostgreSQL on a fixed port that can be stopped and started again on its data. */
export class Database {
  private running?: RunningDatabase;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<Database> {
    const database = new Database(await scratchDir('reliability-pg-'), await freePort());
    await database.resume();
    return database;
  }

  get url(): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/compliance`;
  }

  async resume(): Promise<void> {
    this.running = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port });
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export interface ServiceOptions {
  databaseUrl: string;
  adminToken: string;
  /** Extra environment (LOG_LEVEL defaults to warn). */
  env?: Record<string, string>;
  /** Arguments for node before the script, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Keep the output (for a failure message); otherwise it goes to /dev/null. */
  captureOutput?: boolean;
}

/** One service process; `kill()` is a SIGKILL, `stop()` a graceful SIGTERM. */
export class ServiceProcess {
  private output = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    private readonly dataDir: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.keep(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.keep(chunk));
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  }

  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const dataDir = await scratchDir('reliability-service-');
    // The parent may be Jest, whose NODE_OPTIONS (VM modules) the service does not need.
    const inherited = { ...process.env };
    delete inherited.NODE_OPTIONS;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'dist/src/main.js'], {
      cwd: PROJECT_ROOT,
      env: {
        ...inherited,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: options.databaseUrl,
        ADMIN_TOKEN: options.adminToken,
        DATA_DIR: dataDir,
        SANDBOX: 'true',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', options.captureOutput === false ? 'ignore' : 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(child, port, dataDir);
    await service.waitUntilReady();
    return service;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last output, for failure messages. */
  get log(): string {
    return this.output;
  }

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`service exited before it was ready:\n${this.output}`);
      const ready = await fetch(`${this.baseUrl}/health/ready`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ready) return;
      await sleep(100);
    }
    throw new Error(`service not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
  }
}

export const newAdminToken = (): string => randomBytes(32).toString('base64url');

export const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** A parsed answer of any route, read field by field by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** JSON over fetch with a token; the status, headers and parsed body (or text). */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Token ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A new user with an API key, made through the API by the admin. */
export async function createApiUser(
  baseUrl: string,
  adminToken: string,
  options: { staff?: boolean } = {},
): Promise<{ uuid: string; token: string }> {
  const username = `user_${randomBytes(5).toString('hex')}`;
  const created = await call(baseUrl, 'POST', '/api/users/', {
    token: adminToken,
    body: { username, is_staff: options.staff ?? false },
  });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${created.text}`);
  const uuid = (created.body as { uuid: string }).uuid;
  const issued = await call(baseUrl, 'POST', `/api/users/${uuid}/token/`, { token: adminToken });
  if (issued.status >= 300) throw new Error(`issue token: ${issued.status} ${issued.text}`);
  return { uuid, token: (issued.body as { token: string }).token };
}
