/**
 * Added latency of @Idempotent(): the same route with and without the decorator, each request
 * with a new key, at concurrency 1 and 50, against the real app on an embedded PostgreSQL.
 *
 *   EMBEDDED_PG_PORT=55432 npm run bench:idempotency
 *
 * Bounded (BENCH_REQUESTS per variant and concurrency, default 2000) and on 127.0.0.1 only. With
 * DATABASE_URL set it uses that database and creates and drops the table `bench_items` there.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Injectable, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString, MaxLength } from 'class-validator';
import { AppModule } from '../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../src/app.setup.js';
import { CurrentUser } from '../src/common/auth/auth.decorators.js';
import type { Principal } from '../src/common/auth/principal.js';
import { generateApiKey } from '../src/common/auth/tokens.js';
import { Idempotent } from '../src/common/idempotency/idempotent.decorator.js';
import { loadEnv } from '../src/config/env.validation.js';
import { openDatabase } from '../src/database/database-server.js';
import { Transactions } from '../src/database/transactions.js';
import { UsersService } from '../src/users/users.service.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = 300;
const ROUNDS = 3;

class BenchBody {
  @IsString() @MaxLength(100) name: string;
}

@Injectable()
class BenchItems {
  constructor(private readonly transactions: Transactions) {}

  create(owner: string, name: string) {
    return this.transactions.run(async (tx) => {
      const [{ id }] = await tx.query<[{ id: number }]>(
        'INSERT INTO bench_items (owner, name) VALUES ($1, $2) RETURNING id',
        [owner, name],
      );
      return { id, name };
    });
  }
}

@Controller('v1/bench')
class BenchController {
  constructor(private readonly items: BenchItems) {}

  @Post('plain')
  plain(@CurrentUser() user: Principal, @Body() body: BenchBody) {
    return this.items.create(user.id, body.name);
  }

  @Post('idempotent')
  @Idempotent()
  idempotent(@CurrentUser() user: Principal, @Body() body: BenchBody) {
    return this.items.create(user.id, body.name);
  }
}

@Module({ controllers: [BenchController], providers: [BenchItems] })
class BenchModule {}

interface Target {
  port: number;
  auth: string;
  agent: http.Agent;
}

function post(target: Target, path: string, key: string | undefined): Promise<number> {
  const body = JSON.stringify({ name: 'bench' });
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path,
        method: 'POST',
        agent: target.agent,
        headers: {
          authorization: target.auth,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(key ? { 'idempotency-key': key } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          if (response.statusCode !== 201) reject(new Error(`${path}: ${response.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** `count` requests with at most `concurrency` in flight; the latency of each, in ms. */
async function load(
  target: Target,
  path: string,
  count: number,
  concurrency: number,
  keyed: boolean,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      latencies.push(await post(target, path, keyed ? randomUUID() : undefined));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  const scratch = process.env.DATA_DIR ? undefined : await mkdtemp(join(tmpdir(), 'bench-'));
  if (scratch) {
    await chmod(scratch, 0o755);
    process.env.DATA_DIR = scratch;
  }
  const database = await openDatabase(loadEnv());
  try {
    @Module({ imports: [AppModule.forRoot({ databaseUrl: database.url }), BenchModule] })
    class BenchRoot {}
    const app = await NestFactory.create(BenchRoot, APP_OPTIONS);
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    try {
      const tx = app.get(Transactions);
      await tx.manager.query(
        'CREATE TABLE IF NOT EXISTS bench_items (id serial PRIMARY KEY, owner text NOT NULL, name text NOT NULL)',
      );
      const users = app.get(UsersService);
      const user = await users.create({ username: `bench_${randomUUID().slice(0, 8)}` });
      const token = generateApiKey();
      await users.setKey(user.id, token);
      const port = (app.getHttpServer() as http.Server).address() as AddressInfo;

      console.log(
        `@Idempotent() added latency: ${REQUESTS} requests per variant and concurrency, ` +
          `${ROUNDS} alternating rounds, a new key per request; times in ms\n`,
      );
      console.log('concurrency  variant      median      p99   req/s');
      for (const concurrency of [1, 50]) {
        const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
        const target: Target = { port: port.port, auth: `Token ${token}`, agent };
        await load(target, '/v1/bench/plain', WARMUP, concurrency, false);
        await load(target, '/v1/bench/idempotent', WARMUP, concurrency, true);
        const runs = { plain: [] as number[], keyed: [] as number[] };
        const wall = { plain: 0, keyed: 0 };
        const perRound = Math.ceil(REQUESTS / ROUNDS);
        for (let round = 0; round < ROUNDS; round++) {
          for (const variant of ['plain', 'keyed'] as const) {
            const started = performance.now();
            const path = variant === 'plain' ? '/v1/bench/plain' : '/v1/bench/idempotent';
            runs[variant].push(
              ...(await load(target, path, perRound, concurrency, variant === 'keyed')),
            );
            wall[variant] += performance.now() - started;
          }
        }
        agent.destroy();
        const a = summary(runs.plain);
        const b = summary(runs.keyed);
        const row = (name: string, s: { median: number; p99: number }, rate?: number) =>
          console.log(
            `${String(concurrency).padStart(11)}  ${name.padEnd(10)} ${s.median.toFixed(3).padStart(8)} ${s.p99.toFixed(3).padStart(8)}` +
              (rate === undefined ? '' : `  ${rate.toFixed(0).padStart(6)}`),
          );
        row('without', a, (runs.plain.length / wall.plain) * 1000);
        row('with', b, (runs.keyed.length / wall.keyed) * 1000);
        row('added', { median: b.median - a.median, p99: b.p99 - a.p99 });
      }
      await tx.manager.query('DROP TABLE bench_items');
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
