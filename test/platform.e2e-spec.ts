import pg from 'pg';
import { Transactions } from '../src/database/transactions.js';
import { createStaff, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { ProbeModule } from './support/probe.module.js';

const UUID = /^[0-9a-f-]{36}$/;

describe('platform: auth, errors, lists, audit, health, docs', () => {
  let t: TestApp;
  let user: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
    user = await createUser(t.app);
    staff = await createStaff(t.app);
  });
  afterAll(() => t.close());

  describe('authentication', () => {
    it.each([
      ['/api/users/me/', { detail: 'Authentication credentials were not provided.' }],
      ['/v1/probe/users', null],
    ])('%s without a token is 401', async (path, drf) => {
      const res = await t.http.get(path).expect(401);
      expect(res.headers['www-authenticate']).toBe('Token');
      if (drf) {
        expect(res.body).toEqual(drf);
      } else {
        expect(res.body).toEqual({
          errors: [
            {
              id: res.headers['x-request-id'],
              status: 401,
              code: 'token_required',
              title: 'Token Required',
              detail: 'Authentication credentials were not provided.',
            },
          ],
        });
      }
    });

    it('rejects an unknown token in both dialects', async () => {
      const api = await t.http
        .get('/api/users/me/')
        .set('Authorization', 'Token not-a-real-key')
        .expect(401);
      expect(api.body).toEqual({ detail: 'Invalid token.' });
      const v1 = await t.http
        .get('/v1/probe/users')
        .set('Authorization', 'Bearer not-a-real-key')
        .expect(401);
      expect(v1.body.errors).toEqual([
        expect.objectContaining({ status: 401, code: 'invalid_token', detail: 'Invalid token.' }),
      ]);
    });

    it('rejects a malformed Authorization header', async () => {
      await t.http.get('/api/users/me/').set('Authorization', `Basic ${user.token}`).expect(401);
      await t.http.get('/api/users/me/').set('Authorization', 'Token').expect(401);
    });

    it('accepts both Token and Bearer schemes', async () => {
      await t.http.get('/api/users/me/').set('Authorization', `Token ${user.token}`).expect(200);
      await t.http.get('/api/users/me/').set('Authorization', `Bearer ${user.token}`).expect(200);
    });

    it('does not authenticate a deactivated user', async () => {
      const gone = await createUser(t.app);
      const client = new pg.Client(t.databaseUrl);
      await client.connect();
      await client.query('UPDATE users SET is_active = false WHERE id = $1', [gone.user.id]);
      await client.end();
      await t.http.get('/api/users/me/').set('Authorization', gone.auth).expect(401);
    });

    it('answers 403 on a staff-only route to a non-staff user, in both dialects', async () => {
      const api = await t.http.post('/api/probe/staff').set('Authorization', user.auth).expect(403);
      expect(api.body).toEqual({ detail: 'You do not have permission to perform this action.' });
      const v1 = await t.http.post('/v1/probe/staff').set('Authorization', user.auth).expect(403);
      expect(v1.body.errors[0]).toMatchObject({
        status: 403,
        code: 'unauthorized_action',
        title: 'Unauthorized Action',
      });
      await t.http
        .post('/api/probe/staff')
        .set('Authorization', staff.auth)
        .expect(201, { ok: true });
    });
  });

  describe('errors', () => {
    const valid = { name: 'x', count: 2, inner: { kind: 'CUSTOMER' } };

    it('maps validation errors field by field (DRF)', async () => {
      const res = await t.http
        .post('/api/probe/validate')
        .set('Authorization', user.auth)
        .send({ count: 'many', inner: { kind: 'customer' } })
        .expect(400);
      expect(res.body).toEqual({
        name: ['This field is required.'],
        count: [
          'count must not be greater than 10',
          'count must not be less than 1',
          'count must be an integer number',
        ],
        'inner.kind': ['kind must be one of the following values: CUSTOMER, PARTNER'],
      });
    });

    it('maps validation errors field by field (Solaris)', async () => {
      const res = await t.http
        .post('/v1/probe/validate')
        .set('Authorization', user.auth)
        .send({ ...valid, inner: { kind: 'customer' } })
        .expect(400);
      expect(res.body).toEqual({
        errors: [
          {
            id: res.headers['x-request-id'],
            status: 400,
            code: 'validation_error',
            title: 'Validation Error',
            detail: 'inner.kind kind must be one of the following values: CUSTOMER, PARTNER',
            source: {
              field: 'inner.kind',
              message: 'kind must be one of the following values: CUSTOMER, PARTNER',
            },
          },
        ],
      });
    });

    it('drops unknown keys and accepts a valid body', async () => {
      const res = await t.http
        .post('/v1/probe/validate')
        .set('Authorization', user.auth)
        .send({ ...valid, admin: true })
        .expect(201);
      expect(res.body).toEqual(valid);
    });

    it('rejects a JSON array where an object is expected', async () => {
      await t.http
        .post('/api/probe/validate')
        .set('Authorization', user.auth)
        .send([valid])
        .expect(400);
    });

    it('answers malformed JSON with 400 in both dialects', async () => {
      const api = await t.http
        .post('/api/probe/validate')
        .set('Authorization', user.auth)
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(api.body).toEqual({ detail: 'Malformed JSON in the request body.' });
      const v1 = await t.http
        .post('/v1/probe/validate')
        .set('Authorization', user.auth)
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(400);
      expect(v1.body).toEqual({
        errors: [
          {
            id: v1.headers['x-request-id'],
            status: 400,
            code: 'invalid_json',
            title: 'Invalid Json',
            detail: 'Malformed JSON in the request body.',
          },
        ],
      });
    });

    it('answers a body over the limit with 413', async () => {
      const res = await t.http
        .post('/v1/probe/validate')
        .set('Authorization', user.auth)
        .send({ name: 'x'.repeat(2 * 1024 * 1024) })
        .expect(413);
      expect(res.body.errors[0]).toMatchObject({ status: 413, code: 'payload_too_large' });
    });

    it('renders a 404 in both dialects', async () => {
      const api = await t.http
        .get('/api/probe/missing')
        .set('Authorization', user.auth)
        .expect(404);
      expect(api.body).toEqual({ detail: 'Not found.' });
      const v1 = await t.http.get('/v1/probe/missing').set('Authorization', user.auth).expect(404);
      expect(v1.body).toEqual({
        errors: [
          {
            id: v1.headers['x-request-id'],
            status: 404,
            code: 'model_not_found',
            title: 'Model Not Found',
            detail: "Couldn't find 'Solaris::Person' for id 'nope'.",
          },
        ],
      });
      await t.http.get('/api/no-such-route/').expect(404, { detail: 'Not found.' });
    });

    it('hides internals of an unexpected error behind a 500 with the request id', async () => {
      const api = await t.http
        .get('/api/probe/boom')
        .set('Authorization', user.auth)
        .set('X-Request-Id', 'req-boom-0001')
        .expect(500);
      expect(api.headers['x-request-id']).toBe('req-boom-0001');
      expect(api.body).toEqual({
        detail: 'An internal error occurred. Quote request id req-boom-0001 when reporting it.',
        request_id: 'req-boom-0001',
      });
      const v1 = await t.http.get('/v1/probe/boom').set('Authorization', user.auth).expect(500);
      expect(JSON.stringify(v1.body)).not.toContain('hunter2');
      expect(v1.body.errors[0]).toMatchObject({
        status: 500,
        code: 'internal_error',
        id: v1.headers['x-request-id'],
      });
    });

    it('puts a request id on every response', async () => {
      const res = await t.http.get('/health/live').expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
      const echoed = await t.http.get('/health/live').set('X-Request-Id', 'bad id with spaces');
      expect(echoed.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('lists', () => {
    let listed: TestApp;
    let admin: TestUser;

    // A database of its own holding exactly 25 users: the bootstrap admin, one staff caller, 23 more.
    beforeAll(async () => {
      listed = await createTestApp({ imports: [ProbeModule] });
      admin = await createStaff(listed.app);
      for (let i = 0; i < 23; i++) await createUser(listed.app);
    });
    afterAll(() => listed.close());

    const pathOf = (link: string) => link.replace(listed.baseUrl.replace('[::1]', '127.0.0.1'), '');
    const relations = (header: string) =>
      Object.fromEntries(
        header.split(', ').map((part) => {
          const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, url];
        }),
      );

    it('pages /api lists with X-Result-Count and Link (25 users, 10 a page)', async () => {
      const first = await listed.http
        .get('/api/users/')
        .set('Authorization', admin.auth)
        .expect(200);
      const total = Number(first.headers['x-result-count']);
      expect(total).toBe(25);
      expect(first.body).toHaveLength(10);
      const links = relations(first.headers.link);
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next']);
      expect(pathOf(links.first)).toBe('/api/users/');
      expect(pathOf(links.next)).toBe('/api/users/?page=2');
      expect(pathOf(links.last)).toBe('/api/users/?page=3');

      const second = await listed.http
        .get('/api/users/?page=2')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(relations(second.headers.link)).toEqual({
        first: expect.stringMatching(/\/api\/users\/$/),
        prev: expect.stringMatching(/\/api\/users\/$/),
        next: expect.stringMatching(/\/api\/users\/\?page=3$/),
        last: expect.stringMatching(/\/api\/users\/\?page=3$/),
      });
      const third = await listed.http
        .get('/api/users/?page=3&page_size=10')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(third.body).toHaveLength(5);
      expect(Object.keys(relations(third.headers.link)).sort()).toEqual(['first', 'last', 'prev']);

      const all = [...first.body, ...second.body, ...third.body].map(
        (u: { uuid: string }) => u.uuid,
      );
      expect(new Set(all).size).toBe(25);
    });

    it('orders /api lists newest first', async () => {
      const res = await listed.http
        .get('/api/users/?page_size=300')
        .set('Authorization', admin.auth)
        .expect(200);
      const joined = (res.body as { date_joined: string }[]).map((u) => u.date_joined);
      expect([...joined].sort().reverse()).toEqual(joined);
    });

    it('answers HEAD with the headers only', async () => {
      const res = await listed.http
        .head('/api/users/')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(res.headers['x-result-count']).toBe('25');
      expect(res.headers.link).toContain('rel="next"');
      expect(res.text ?? '').toBe('');
    });

    // /api pages as DRF does (Waldur's clients rely on it): a bad page is DRF's 404, a bad page
    // size the default, a larger one the maximum.
    it.each(['page=0', 'page=abc', 'page=-1', 'page=1.5'])(
      'answers /api paging %s with 404 Invalid page (DRF)',
      async (query) => {
        await listed.http
          .get(`/api/users/?${query}`)
          .set('Authorization', admin.auth)
          .expect(404, { detail: 'Invalid page.' });
      },
    );

    it.each(['page_size=0', 'page_size=-1', 'page_size=abc'])(
      'takes /api paging %s as the default page size (DRF)',
      async (query) => {
        const res = await listed.http
          .get(`/api/users/?${query}`)
          .set('Authorization', admin.auth)
          .expect(200);
        expect(res.body).toHaveLength(10);
      },
    );

    it('caps an /api page_size above 300 at 300 and serves page=last (DRF)', async () => {
      const capped = await listed.http
        .get('/api/users/?page_size=301')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(capped.body).toHaveLength(25);
      const last = await listed.http
        .get('/api/users/?page=last')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(last.body).toHaveLength(5);
      expect(relations(last.headers.link).next).toBeUndefined();
    });

    it('answers a page past the end with 404 Invalid page (DRF)', async () => {
      await listed.http
        .get('/api/users/?page=4')
        .set('Authorization', admin.auth)
        .expect(404, { detail: 'Invalid page.' });
    });

    it('pages /v1 lists with Total, Per-Page and Link', async () => {
      const first = await listed.http
        .get('/v1/probe/users?page[size]=10')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(first.headers.total).toBe('25');
      expect(first.headers['per-page']).toBe('10');
      expect(first.body).toHaveLength(10);
      const links = relations(first.headers.link);
      expect(pathOf(links.first)).toBe('/v1/probe/users?page[size]=10&page[number]=1');
      expect(pathOf(links.next)).toBe('/v1/probe/users?page[size]=10&page[number]=2');
      expect(pathOf(links.last)).toBe('/v1/probe/users?page[size]=10&page[number]=3');
      expect(links.prev).toBeUndefined();

      // Walking the next links visits every row exactly once.
      const seen: string[] = [...first.body];
      let next: string | undefined = links.next;
      while (next) {
        const page: { body: string[]; headers: Record<string, string> } = await listed.http
          .get(pathOf(next))
          .set('Authorization', admin.auth)
          .expect(200);
        seen.push(...page.body);
        next = relations(page.headers.link).next;
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
    });

    it('treats page[number] 0 and 1 as the first page, and is empty past the end', async () => {
      const zero = await listed.http
        .get('/v1/probe/users?page[number]=0')
        .set('Authorization', admin.auth)
        .expect(200);
      const one = await listed.http
        .get('/v1/probe/users?page[number]=1')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(zero.body).toEqual(one.body);
      const past = await listed.http
        .get('/v1/probe/users?page[number]=9')
        .set('Authorization', admin.auth)
        .expect(200);
      expect(past.body).toEqual([]);
    });

    it.each(['page[number]=-1', 'page[size]=0', 'page[size]=101', 'page[size]=ten', 'page=3'])(
      'rejects /v1 paging %s with 400 validation_error',
      async (query) => {
        const res = await listed.http
          .get(`/v1/probe/users?${query}`)
          .set('Authorization', admin.auth)
          .expect(400);
        expect(res.body.errors[0]).toMatchObject({ status: 400, code: 'validation_error' });
      },
    );
  });

  describe('database', () => {
    it('runs every transaction READ COMMITTED, even on a server whose default differs', async () => {
      const client = new pg.Client(t.databaseUrl);
      await client.connect();
      await client.query(
        `ALTER DATABASE "${new URL(t.databaseUrl).pathname.slice(1)}" SET default_transaction_isolation = 'serializable'`,
      );
      await client.end();
      const other = await createTestApp({ databaseUrl: t.databaseUrl });
      try {
        const transactions = other.app.get(Transactions);
        const level = await transactions.run(async (tx) => {
          const [row] = await tx.query<{ transaction_isolation: string }[]>(
            'SHOW transaction_isolation',
          );
          return row.transaction_isolation;
        });
        expect(level).toBe('read committed');
      } finally {
        await other.close();
      }
    });
  });

  describe('audit trail', () => {
    it('is append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
      const client = new pg.Client(t.databaseUrl);
      await client.connect();
      try {
        await client.query(
          "INSERT INTO audit_events (action, object_type, object_id) VALUES ('test.probe', 'probe', 'p1')",
        );
        await expect(client.query("UPDATE audit_events SET action = 'forged'")).rejects.toThrow(
          /append-only: UPDATE/,
        );
        await expect(client.query('DELETE FROM audit_events')).rejects.toThrow(
          /append-only: DELETE/,
        );
        await expect(client.query('TRUNCATE audit_events')).rejects.toThrow(
          /append-only: TRUNCATE/,
        );
        const rows = await client.query("SELECT action FROM audit_events WHERE object_id = 'p1'");
        expect(rows.rows).toEqual([{ action: 'test.probe' }]);
      } finally {
        await client.end();
      }
    });
  });

  describe('health and docs', () => {
    it('serves liveness and readiness without a token', async () => {
      await t.http.get('/health/live').expect(200);
      const ready = await t.http.get('/health/ready').expect(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });

    it('serves the OpenAPI document with bearer auth and every route', async () => {
      const res = await t.http.get('/docs-json').expect(200);
      expect(res.body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/users/',
          '/api/users/me/',
          '/api/users/{uuid}/',
          '/api/users/{uuid}/token/',
          '/api/audit-events/',
          '/health/ready',
        ]),
      );
      await t.http.get('/docs').redirects(1).expect(200).expect('Content-Type', /html/);
    });
  });
});
