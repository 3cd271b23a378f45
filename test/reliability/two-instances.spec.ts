import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  call,
  createApiUser,
  Database,
  newAdminToken,
  ServiceProcess,
  sleep,
} from '../support/service-process.js';
import { pendingJustification } from './onboarding.js';

/**
 * Two service processes on one database, no proxy in front: the same idempotency keys sent to
 * both at once create exactly one resource per key, and every answer is the first one's.
 */

const KEYS = 25;
const COPIES_PER_KEY = 6;

describe('two service processes on one database', () => {
  let database: Database;
  let services: ServiceProcess[];
  let db: pg.Client;
  const admin = newAdminToken();

  beforeAll(async () => {
    database = await Database.start();
    // Started together: both run the migrations under the same lock.
    services = await Promise.all([
      ServiceProcess.start({ databaseUrl: database.url, adminToken: admin }),
      ServiceProcess.start({ databaseUrl: database.url, adminToken: admin }),
    ]);
    db = new pg.Client(database.url);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all((services ?? []).map((service) => service.stop()));
    await database?.destroy();
  });

  it('creates exactly one person per key when copies race across both', async () => {
    const partner = await createApiUser(services[0].baseUrl, admin);
    const keys = Array.from({ length: KEYS }, () => randomUUID());

    const send = (key: string, copy: number) =>
      call(services[copy % 2].baseUrl, 'POST', '/v1/persons', {
        token: partner.token,
        headers: { 'Idempotency-Key': key },
        body: { first_name: 'Race', last_name: key },
      });
    const first = await Promise.all(
      keys.flatMap((key) => Array.from({ length: COPIES_PER_KEY }, (_, copy) => send(key, copy))),
    );

    // Racing copies either run (201, possibly replayed) or are told to retry (409 Retry-After).
    for (const res of first) {
      expect([201, 409]).toContain(res.status);
      if (res.status === 409) expect(res.headers.get('retry-after')).toBe('1');
    }

    // Every key, retried on the other instance until it settles, answers with one id.
    for (const [index, key] of keys.entries()) {
      let answer = await send(key, index + 1);
      for (let attempt = 0; answer.status === 409 && attempt < 50; attempt++) {
        await sleep(100);
        answer = await send(key, index + attempt);
      }
      expect(answer.status).toBe(201);
      expect(answer.headers.get('idempotent-replayed')).toBe('true');
      const ids = new Set(
        first
          .filter((res, n) => Math.floor(n / COPIES_PER_KEY) === index && res.status === 201)
          .map((res) => res.body.id as string),
      );
      ids.add(answer.body.id as string);
      expect(ids.size).toBe(1);
    }

    const { rows } = await db.query<{ last_name: string; count: string }>(
      `SELECT last_name, count(*) FROM persons WHERE last_name = ANY($1) GROUP BY last_name`,
      [keys],
    );
    expect(rows).toHaveLength(KEYS);
    expect(rows.every((row) => row.count === '1')).toBe(true);
    const { rows: keyRows } = await db.query<{ status: string; count: string }>(
      `SELECT status, count(*) FROM idempotency_keys WHERE key = ANY($1) GROUP BY status`,
      [keys],
    );
    expect(keyRows).toEqual([{ status: 'finished', count: String(KEYS) }]);
  });

  it('decides a justification once when both instances approve it with one key', async () => {
    const [applicant, reviewer] = await Promise.all([
      createApiUser(services[0].baseUrl, admin),
      createApiUser(services[1].baseUrl, admin, { staff: true }),
    ]);
    const justification = await pendingJustification(services, applicant.token);
    const key = randomUUID();
    const approve = (copy: number) =>
      call(
        services[copy % 2].baseUrl,
        'POST',
        `/api/onboarding-justifications/${justification}/approve/`,
        {
          token: reviewer.token,
          headers: { 'Idempotency-Key': key },
          body: { staff_notes: 'Confirmed.' },
        },
      );
    const answers = await Promise.all(Array.from({ length: 10 }, (_, copy) => approve(copy)));
    for (const res of answers) expect([200, 409]).toContain(res.status);
    const settled = answers.filter((res) => res.status === 200);
    expect(settled.length).toBeGreaterThan(0);
    expect(new Set(settled.map((res) => res.text)).size).toBe(1);

    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'justification.approved'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
