import { randomUUID } from 'node:crypto';
import {
  call,
  createApiUser,
  Database,
  newAdminToken,
  ServiceProcess,
  sleep,
} from '../support/service-process.js';

/**
 * PostgreSQL stopped and started again under load: readiness says 503 while it is away, the
 * service comes back by itself within 10 s of the database returning, and no answer in between
 * leaks internals (driver messages, SQL, stack traces, addresses).
 */

const WORKERS = 8;
const RECOVERY_LIMIT_MS = 10_000;
/** What must never appear in an answer, whatever failed underneath. */
const INTERNALS =
  /ECONNREFUSED|ECONNRESET|connect|terminat|postgres|typeorm|QueryFailed|sql|stack|\bat \w+ \(|127\.0\.0\.1:\d+|node_modules/i;

interface Answer {
  status: number;
  text: string;
}

describe('PostgreSQL stopped and restarted under load', () => {
  let database: Database;
  let service: ServiceProcess;
  const admin = newAdminToken();

  beforeAll(async () => {
    database = await Database.start();
    service = await ServiceProcess.start({ databaseUrl: database.url, adminToken: admin });
  });

  afterAll(async () => {
    await service?.stop();
    await database?.destroy();
  });

  it('reports 503 while down, recovers within 10 s, and never leaks internals', async () => {
    const partner = await createApiUser(service.baseUrl, admin);
    const person = await call(service.baseUrl, 'POST', '/v1/persons', {
      token: partner.token,
      body: { first_name: 'Load', last_name: 'Reader' },
    });
    expect(person.status).toBe(201);

    const requests: (() => Promise<Answer>)[] = [
      () => call(service.baseUrl, 'GET', `/v1/persons/${person.body.id}`, { token: partner.token }),
      () => call(service.baseUrl, 'GET', '/api/users/me/', { token: partner.token }),
      () =>
        call(service.baseUrl, 'POST', '/v1/persons', {
          token: partner.token,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { first_name: 'Load', last_name: 'Writer' },
        }),
    ];
    const answers: Answer[] = [];
    let running = true;
    const load = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = worker; running; n++) {
        answers.push(await requests[n % requests.length]());
      }
    });

    await sleep(1_000);
    const beforeStop = answers.length;
    await database.stop();

    // While it is away, readiness says so (within the health check's 2 s timeout).
    const downDeadline = Date.now() + 10_000;
    let ready = await call(service.baseUrl, 'GET', '/health/ready');
    while (ready.status !== 503 && Date.now() < downDeadline) {
      await sleep(100);
      ready = await call(service.baseUrl, 'GET', '/health/ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.text).not.toMatch(INTERNALS);
    const live = await call(service.baseUrl, 'GET', '/health/live');
    expect(live.status).toBe(200);
    await sleep(2_000);
    const whileDown = answers.length;

    await database.resume();
    const returned = Date.now();
    let recoveredAfter = Number.POSITIVE_INFINITY;
    while (Date.now() - returned < RECOVERY_LIMIT_MS + 5_000) {
      const res = await call(service.baseUrl, 'GET', '/health/ready');
      if (res.status === 200) {
        recoveredAfter = Date.now() - returned;
        break;
      }
      await sleep(100);
    }
    expect(recoveredAfter).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);

    // Business requests work again too, not only the health check.
    await sleep(1_000);
    running = false;
    await Promise.all(load);
    for (const send of requests) {
      const res = await send();
      expect([200, 201]).toContain(res.status);
    }

    expect(beforeStop).toBeGreaterThan(0);
    expect(whileDown).toBeGreaterThan(beforeStop);
    const failures = answers.filter((answer) => answer.status >= 500);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure.text).not.toMatch(INTERNALS);
    }
    // An unreachable database is "try again shortly", never a fault of the service.
    const statuses = [...new Set(answers.map((answer) => answer.status))].sort();
    expect(statuses.every((status) => [200, 201, 503].includes(status))).toBe(true);
  });
});
