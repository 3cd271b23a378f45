/**
 * Webhook delivery: events per second delivered to a local receiver, and the delay from the
 * business transaction's commit to the first delivery attempt (p50/p95), on the real app and an
 * embedded PostgreSQL.
 *
 *   EMBEDDED_PG_PORT=55433 npm run bench:webhooks
 *
 * Bounded (BENCH_EVENTS for throughput, default 2000; BENCH_LATENCY_EVENTS, default 300) and on
 * 127.0.0.1 only. WEBHOOK_CONCURRENCY sets the delivery workers (default 4).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../src/app.setup.js';
import { loadEnv } from '../src/config/env.validation.js';
import { openDatabase } from '../src/database/database-server.js';
import { Transactions } from '../src/database/transactions.js';
import { UsersService } from '../src/users/users.service.js';
import { WebhookOutbox } from '../src/webhooks/webhook-outbox.js';
import { WebhooksService } from '../src/webhooks/webhooks.service.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 300);
const DEADLINE_MS = 180_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** First arrival time (performance.now) per Solaris-Entity-Id. */
function startReceiver(arrivals: Map<string, number>): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const entity = request.headers['solaris-entity-id'];
    if (typeof entity === 'string' && !arrivals.has(entity))
      arrivals.set(entity, performance.now());
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitFor(arrivals: Map<string, number>, count: number): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (arrivals.size < count) {
    if (Date.now() > deadline) throw new Error(`only ${arrivals.size} of ${count} delivered`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';
  if (!process.env.DATA_DIR) {
    const scratch = await mkdtemp(join(tmpdir(), 'bench-'));
    await chmod(scratch, 0o755);
    process.env.DATA_DIR = scratch;
  }
  const env = loadEnv();
  const database = await openDatabase(env);
  const arrivals = new Map<string, number>();
  const receiver = await startReceiver(arrivals);
  try {
    const app = await NestFactory.create(
      AppModule.forRoot({ databaseUrl: database.url }),
      APP_OPTIONS,
    );
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    try {
      const users = app.get(UsersService);
      const partner = await users.create({ username: `bench_${randomUUID().slice(0, 8)}` });
      const caller = {
        id: partner.id,
        username: partner.username,
        isStaff: false,
        isSupport: false,
      };
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      await app.get(WebhooksService).create(caller, { event_type: 'PERSON_CHANGED', url });
      const outbox = app.get(WebhookOutbox);
      const transactions = app.get(Transactions);
      const publish = (entityIds: string[]) =>
        transactions.run(async () => {
          for (const entityId of entityIds) {
            await outbox.publish({
              eventType: 'PERSON_CHANGED',
              entityId,
              ownerId: partner.id,
              body: {},
            });
          }
        });

      console.log(
        `Webhook delivery, ${env.WEBHOOK_CONCURRENCY} delivery workers, one receiver on 127.0.0.1\n`,
      );

      // Latency: one event per transaction, spaced so the queue is idle when each commits.
      const delays: number[] = [];
      for (let i = 0; i < LATENCY_EVENTS; i++) {
        const entityId = `latency-${i}`;
        await publish([entityId]);
        const committed = performance.now();
        await waitFor(arrivals, arrivals.size + 1);
        delays.push(arrivals.get(entityId)! - committed);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      delays.sort((a, b) => a - b);
      console.log(
        `commit → first attempt (${LATENCY_EVENTS} events, one at a time): ` +
          `p50 ${percentile(delays, 50).toFixed(1)} ms, p95 ${percentile(delays, 95).toFixed(1)} ms, ` +
          `max ${delays[delays.length - 1].toFixed(1)} ms`,
      );

      // Throughput: a backlog committed at once (one transaction), drained by the workers.
      const before = arrivals.size;
      const publishStarted = performance.now();
      await publish(Array.from({ length: EVENTS }, (_, i) => `load-${i}`));
      const committed = performance.now();
      await waitFor(arrivals, before + EVENTS);
      const elapsed = performance.now() - committed;
      console.log(
        `throughput: ${EVENTS} events committed in one transaction ` +
          `(publishing took ${((committed - publishStarted) / 1000).toFixed(2)} s), ` +
          `all delivered ${(elapsed / 1000).toFixed(2)} s after the commit: ` +
          `${((EVENTS / elapsed) * 1000).toFixed(0)} events/s`,
      );
    } finally {
      await app.close();
    }
  } finally {
    receiver.closeAllConnections();
    receiver.close();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
