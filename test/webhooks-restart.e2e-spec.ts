import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { createPerson } from './setup/factories.js';
import { createSuiteDatabase, dropSuiteDatabase } from './setup/test-app.js';
import { sleep, WebhookReceiver } from './support/webhook-receiver.js';

const ADMIN_TOKEN = randomBytes(32).toString('hex');
const AUTH = `Token ${ADMIN_TOKEN}`;

/**
 * The compiled service as a separate process (what `npm start` runs), stopped with events
 * pending and started again on the same database.
 */
class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<number | null>;
  baseUrl = '';

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.child = spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        DATABASE_URL: this.databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_TOKEN,
        LOG_LEVEL: 'silent',
        WEBHOOK_TIMEOUT_MS: '1000',
      },
      stdio: 'ignore',
    });
    const child = this.child;
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await fetch(`${this.baseUrl}/health/ready`).then(
        (res) => res.ok,
        () => false,
      );
      if (ready) return;
      if (Date.now() > deadline) throw new Error('the service did not become ready');
      await sleep(100);
    }
  }

  get http() {
    return request(this.baseUrl);
  }

  async stop(signal: NodeJS.Signals): Promise<number | null> {
    this.child?.kill(signal);
    return this.exited!;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('webhook deliveries survive the service stopping', () => {
  let databaseUrl: string;
  let receiver: WebhookReceiver;
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    databaseUrl = await createSuiteDatabase();
    db = new pg.Client(databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await dropSuiteDatabase(databaseUrl);
  });
  beforeEach(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterEach(() => receiver.stop());

  it.each([
    ['SIGTERM', 0],
    ['SIGKILL', null],
  ] as const)(
    'delivers every pending event after %s and a restart',
    async (signal, exitCode) => {
      const first = new ServiceProcess(databaseUrl);
      await first.start();
      receiver.answer = () => 'hang';
      const subscription = await first.http
        .post('/v1/webhooks')
        .set('Authorization', AUTH)
        .send({ event_type: 'PERSON_CHANGED', url })
        .expect(201);
      const personId = await createPerson(first.http, AUTH);
      const events = 6;
      for (let i = 0; i < events; i++) {
        await first.http
          .patch(`/v1/persons/${personId}/update_for_development`)
          .set('Authorization', AUTH)
          .send({ birth_city: `City ${i}` })
          .expect(200);
      }
      // Deliveries are in flight (the receiver holds them) and others wait in the queue.
      await receiver.waitFor(1);
      expect(await first.stop(signal)).toBe(exitCode);

      receiver.answer = () => 200;
      const second = new ServiceProcess(databaseUrl);
      await second.start();
      try {
        const { rows } = await db.query<{ id: string }>(
          `SELECT replace(id::text, '-', '') AS id FROM webhook_deliveries
            WHERE subscription_id = $1`,
          [subscription.body.id],
        );
        expect(rows).toHaveLength(events);
        const expected = new Set(rows.map((row) => row.id));
        const deadline = Date.now() + 40_000;
        const delivered = () =>
          new Set(
            receiver
              .deliveries()
              .filter((webhook) => webhook.status === 200)
              .map((webhook) => webhook.headers['solaris-webhook-id'] as string),
          );
        while (delivered().size < events && Date.now() < deadline) await sleep(100);
        expect(delivered()).toEqual(expected);
        // At least once: a repeat carries the Solaris-Webhook-Id of a delivery, never a new one.
        for (const webhook of receiver.deliveries()) {
          expect(expected.has(webhook.headers['solaris-webhook-id'] as string)).toBe(true);
        }
        // The receiver has answered; the service records the outcome just after, so wait for it.
        const statuses = () =>
          db
            .query<{ status: string; n: number }>(
              `SELECT status, count(*)::int AS n FROM webhook_deliveries
                WHERE subscription_id = $1 GROUP BY status`,
              [subscription.body.id],
            )
            .then((result) => result.rows);
        const settled = Date.now() + 10_000;
        let outcome = await statuses();
        while (JSON.stringify(outcome) !== JSON.stringify([{ status: 'delivered', n: events }])) {
          if (Date.now() > settled) break;
          await sleep(100);
          outcome = await statuses();
        }
        expect(outcome).toEqual([{ status: 'delivered', n: events }]);
      } finally {
        await second.stop('SIGTERM');
      }
    },
    90_000,
  );
});
