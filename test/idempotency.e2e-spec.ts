import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { Controller, Module, Post, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import type { Response } from 'supertest';
import { AppModule } from '../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../src/app.setup.js';
import { fingerprintOf } from '../src/common/idempotency/fingerprint.js';
import { IdempotencyModule } from '../src/common/idempotency/idempotency.module.js';
import { IdempotencyReaper } from '../src/common/idempotency/idempotency.reaper.js';
import { Idempotent } from '../src/common/idempotency/idempotent.decorator.js';
import { createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  IdempotencyProbeModule,
  PROBE_TABLE_SQL,
  ProbeFaults,
} from './support/idempotency-probe.module.js';

const IN_PROGRESS = 'A request with this Idempotency-Key is still being processed. Retry later.';
const REUSED = 'This Idempotency-Key was already used for a different request.';
const KEY_FORMAT = 'Idempotency-Key must be 1 to 255 printable ASCII characters.';

type Family = 'api' | 'v1';

const TITLES: Record<string, string> = {
  idempotency_request_in_progress: 'Idempotency Request In Progress',
  idempotency_key_reused: 'Idempotency Key Reused',
  idempotency_key_invalid: 'Idempotency Key Invalid',
  conflict: 'Conflict',
};

/** The error body of each dialect for one error, given the response that carried it. */
function errorBody(family: Family, res: Response, status: number, code: string, detail: string) {
  if (family === 'api') return { detail };
  return {
    errors: [{ id: res.headers['x-request-id'], status, code, title: TITLES[code], detail }],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('idempotency keys', () => {
  let t: TestApp;
  let replica: TestApp;
  let db: pg.Client;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ imports: [IdempotencyProbeModule] });
    replica = await createTestApp({
      imports: [IdempotencyProbeModule],
      databaseUrl: t.databaseUrl,
    });
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    await db.query(PROBE_TABLE_SQL);
    alice = await createUser(t.app);
    bob = await createUser(t.app);
  });
  afterAll(async () => {
    await db.end();
    await replica.close();
    await t.close();
  });

  const items = (family: Family = 'api') => `/${family}/idempotency-probe/items`;
  const newName = () => `item-${randomUUID()}`;

  const create = (
    key: string | undefined,
    body: object,
    { as = alice, family = 'api', app = t }: { as?: TestUser; family?: Family; app?: TestApp } = {},
  ) => {
    const req = app.http.post(items(family)).set('Authorization', as.auth);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  const rowsNamed = async (name: string) =>
    (
      await db.query<{ id: number; owner: string }>(
        'SELECT id, owner FROM idempotency_probe_items WHERE name = $1 ORDER BY id',
        [name],
      )
    ).rows;

  /** Resolves once a request holds a key's advisory lock, i.e. its transaction is running. */
  const keyLocked = async () => {
    for (let attempt = 0; attempt < 250; attempt++) {
      const { rowCount } = await db.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rowCount) return;
      await sleep(20);
    }
    throw new Error('no request took its key lock');
  };

  const keyRow = async (key: string) =>
    (
      await db.query<{ status: string; response_status: number }>(
        'SELECT status, response_status FROM idempotency_keys WHERE key = $1',
        [key],
      )
    ).rows;

  describe('first request and replay', () => {
    it('runs the first request and replays a repeat byte for byte, Location included', async () => {
      const key = randomUUID();
      const name = newName();
      const first = await create(key, { name }).expect(201);
      const [row] = await rowsNamed(name);
      expect(first.body).toEqual({ id: row.id, name });
      expect(first.headers['location']).toBe(`/api/idempotency-probe/items/${row.id}`);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const again = await create(key, { name }).expect(201);
      expect(again.text).toBe(first.text);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.headers['location']).toBe(first.headers['location']);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await rowsNamed(name)).toHaveLength(1);
      expect(await keyRow(key)).toEqual([{ status: 'finished', response_status: 201 }]);
    });

    it('runs requests without a key as often as they are sent', async () => {
      const name = newName();
      await create(undefined, { name }).expect(201);
      await create(undefined, { name }).expect(201);
      expect(await rowsNamed(name)).toHaveLength(2);
    });

    it('stores the route status of @HttpCode and honours PATCH', async () => {
      const key = randomUUID();
      const name = newName();
      const path = '/v1/idempotency-probe/groups/g1/items';
      const first = await t.http
        .post(path)
        .set('Authorization', alice.auth)
        .set('Idempotency-Key', key)
        .send({ name })
        .expect(200);
      expect(first.body).toEqual({ id: expect.any(Number), name, group: 'g1' });
      const again = await t.http
        .post(path)
        .set('Authorization', alice.auth)
        .set('Idempotency-Key', key)
        .send({ name })
        .expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);

      const patchKey = randomUUID();
      const renamed = newName();
      const patch = () =>
        t.http
          .patch(`/v1/idempotency-probe/items/${first.body.id}`)
          .set('Authorization', alice.auth)
          .set('Idempotency-Key', patchKey)
          .send({ name: renamed });
      const patched = await patch().expect(200);
      expect(patched.body).toEqual({ id: first.body.id, name: renamed });
      await db.query('UPDATE idempotency_probe_items SET name = $2 WHERE id = $1', [
        first.body.id,
        name,
      ]);
      const replayed = await patch().expect(200);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.text).toBe(patched.text);
      expect(await rowsNamed(renamed)).toHaveLength(0);
    });
  });

  describe('concurrency', () => {
    const race = async (apps: TestApp[], count: number) => {
      const key = randomUUID();
      const name = newName();
      const responses = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          create(key, { name, sleep_ms: 300 }, { app: apps[i % apps.length] }),
        ),
      );
      return { key, name, responses };
    };

    const expectOneWinner = async ({ key, name, responses }: Awaited<ReturnType<typeof race>>) => {
      const statuses = responses.map((res) => res.status);
      expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
      const [row] = await rowsNamed(name);
      expect(await rowsNamed(name)).toHaveLength(1);
      const winners = responses.filter((res) => res.status === 201);
      expect(
        winners.filter((res) => res.headers['idempotent-replayed'] === undefined),
      ).toHaveLength(1);
      for (const res of winners) expect(res.body).toEqual({ id: row.id, name });
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(res.headers['retry-after']).toBe('1');
        expect(res.body).toEqual({ detail: IN_PROGRESS });
      }
      expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(0);
      const after = await create(key, { name, sleep_ms: 300 }).expect(201);
      expect(after.headers['idempotent-replayed']).toBe('true');
      expect(after.body).toEqual({ id: row.id, name });
    };

    it('lets exactly one of 50 concurrent identical requests run; the rest get 409', async () => {
      await expectOneWinner(await race([t], 50));
    });

    it('holds across two application instances sharing the database', async () => {
      await expectOneWinner(await race([t, replica], 50));
    });

    it('replays to a burst of concurrent retries once the first request has finished', async () => {
      const key = randomUUID();
      const name = newName();
      const first = await create(key, { name }).expect(201);
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => create(key, { name }, { app: i % 2 ? replica : t })),
      );
      expect(burst.map((res) => res.status)).toEqual(Array(20).fill(201));
      for (const res of burst) {
        expect(res.headers['idempotent-replayed']).toBe('true');
        expect(res.text).toBe(first.text);
      }
    });

    it('keeps UNIQUE(principal, key) as the final guard behind the lock', async () => {
      // A writer that bypasses the advisory lock holds the key row in an open transaction: the
      // request waits on the row, then sees the committed response and replays it.
      const key = randomUUID();
      const name = newName();
      const fingerprint = await fingerprintOf({
        method: 'POST',
        route: '/api/idempotency-probe/items',
        params: {},
        query: {},
        body: { name },
        files: [],
      });
      const writer = new pg.Client(t.databaseUrl);
      await writer.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO idempotency_keys (principal, key, request_method, request_route, fingerprint,
             status, response_status, response_headers, response_body, expires_at)
           VALUES ($1, $2, 'POST', '/api/idempotency-probe/items', $3, 'finished', 201,
             '{"content-type": "application/json; charset=utf-8"}', '{"id":0,"name":"stored"}',
             now() + interval '1 hour')`,
          [alice.user.id, key, fingerprint],
        );
        const request = create(key, { name }).then((res) => res);
        await keyLocked();
        await sleep(100);
        await writer.query('COMMIT');
        const res = await request;
        expect(res.status).toBe(201);
        expect(res.text).toBe('{"id":0,"name":"stored"}');
        expect(res.headers['idempotent-replayed']).toBe('true');
        expect(await rowsNamed(name)).toHaveLength(0);
      } finally {
        await writer.end();
      }
    });

    it('answers 409 in both dialects while the first request runs', async () => {
      const key = randomUUID();
      const name = newName();
      // A supertest request starts when it is awaited; `then` starts it now.
      const first = create(key, { name, sleep_ms: 1000 }, { family: 'v1' }).then((res) => res);
      await keyLocked();
      const busy = await create(key, { name, sleep_ms: 1000 }, { family: 'v1', app: replica });
      expect(busy.status).toBe(409);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toEqual(
        errorBody('v1', busy, 409, 'idempotency_request_in_progress', IN_PROGRESS),
      );
      expect((await first).status).toBe(201);
    });
  });

  describe('fingerprint', () => {
    it.each<Family>(['api', 'v1'])(
      'answers 422 to a key reused with another body (%s)',
      async (family) => {
        const key = randomUUID();
        const name = newName();
        await create(key, { name }, { family }).expect(201);
        const other = newName();
        const res = await create(key, { name: other }, { family }).expect(422);
        expect(res.body).toEqual(errorBody(family, res, 422, 'idempotency_key_reused', REUSED));
        expect(await rowsNamed(other)).toHaveLength(0);
      },
    );

    it('answers 422 to a key reused on another route or with other path params', async () => {
      const key = randomUUID();
      const name = newName();
      await create(key, { name }).expect(201);
      await create(key, { name }, { family: 'v1' }).expect(422);
      const group = (g: string) =>
        t.http
          .post(`/api/idempotency-probe/groups/${g}/items`)
          .set('Authorization', alice.auth)
          .set('Idempotency-Key', key)
          .send({ name });
      await group('a').expect(422);
      expect(await rowsNamed(name)).toHaveLength(1);
    });

    it('ignores the order of body keys', async () => {
      const key = randomUUID();
      const name = newName();
      const first = await t.http
        .post(items())
        .set('Authorization', alice.auth)
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{"name":"${name}","sleep_ms":0}`)
        .expect(201);
      const again = await t.http
        .post(items())
        .set('Authorization', alice.auth)
        .set('Idempotency-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{"sleep_ms":0,"name":"${name}"}`)
        .expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it('covers an uploaded file held in memory: same file replays, another file is 422', async () => {
      const key = randomUUID();
      const name = newName();
      const content = randomBytes(2048);
      const upload = (file: Buffer, fileName = 'a.bin') =>
        t.http
          .post('/v1/idempotency-probe/memory-uploads')
          .set('Authorization', alice.auth)
          .set('Idempotency-Key', key)
          .field('name', name)
          .attach('file', file, { filename: fileName, contentType: 'application/octet-stream' });
      const first = await upload(content).expect(201);
      const again = await upload(content, 'renamed.bin').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      const changed = Buffer.from(content);
      changed[1000] ^= 1;
      const reused = await upload(changed).expect(422);
      expect(reused.body).toEqual(errorBody('v1', reused, 422, 'idempotency_key_reused', REUSED));
      expect(await rowsNamed(name)).toHaveLength(1);
    });

    it('covers a document streamed by the storage engine (its SHA-256)', async () => {
      const key = randomUUID();
      const name = newName();
      const pdf = (tail: string) => Buffer.from(`%PDF-1.7\n${tail}\n%%EOF\n`);
      const upload = (file: Buffer) =>
        t.http
          .post('/api/idempotency-probe/documents')
          .set('Authorization', alice.auth)
          .set('Idempotency-Key', key)
          .field('name', name)
          .attach('file', file, { filename: 'scan.pdf', contentType: 'application/pdf' });
      const first = await upload(pdf('one')).expect(201);
      const again = await upload(pdf('one')).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      const reused = await upload(pdf('two')).expect(422);
      expect(reused.body).toEqual({ detail: REUSED });
      expect(await rowsNamed(name)).toHaveLength(1);
    });
  });

  describe('what is stored', () => {
    it('does not store a 500: the transaction rolls back and a retry runs again', async () => {
      const key = randomUUID();
      const name = newName();
      t.app.get(ProbeFaults).failOnce(name);
      const failed = await create(key, { name }, { family: 'v1' }).expect(500);
      expect(failed.body.errors[0]).toMatchObject({ status: 500, code: 'internal_error' });
      expect(await rowsNamed(name)).toHaveLength(0);
      expect(await keyRow(key)).toEqual([]);

      const retried = await create(key, { name }, { family: 'v1' }).expect(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await rowsNamed(name)).toHaveLength(1);
    });

    it.each<Family>(['api', 'v1'])(
      'stores a business 4xx, rolls back its writes and replays it (%s)',
      async (family) => {
        const key = randomUUID();
        const name = newName();
        const first = await create(key, { name, reject: 'conflict' }, { family }).expect(409);
        expect(first.body).toEqual(
          errorBody(family, first, 409, 'conflict', `Probe ${name} conflicts.`),
        );
        expect(first.headers['idempotent-replayed']).toBeUndefined();
        expect(await rowsNamed(name)).toHaveLength(0);
        expect(await keyRow(key)).toEqual([{ status: 'finished', response_status: 409 }]);

        const again = await create(key, { name, reject: 'conflict' }, { family }).expect(409);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.text).toBe(first.text);
        expect(await rowsNamed(name)).toHaveLength(0);
      },
    );

    it('replays a stored 404 with the body of the first answer', async () => {
      const key = randomUUID();
      const name = newName();
      const first = await create(key, { name, reject: 'not_found' }, { family: 'v1' }).expect(404);
      const again = await create(key, { name, reject: 'not_found' }, { family: 'v1' }).expect(404);
      expect(again.body).toEqual(first.body);
      expect(again.body.errors[0].id).toBe(first.headers['x-request-id']);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('does not store a validation failure: a corrected retry with the key succeeds', async () => {
      const key = randomUUID();
      const name = newName();
      const invalid = await create(key, { name: '' }).expect(400);
      expect(invalid.body).toEqual({ name: ['name must be longer than or equal to 1 characters'] });
      expect(await keyRow(key)).toEqual([]);
      const corrected = await create(key, { name }).expect(201);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
      expect(await rowsNamed(name)).toHaveLength(1);
    });

    it('does not consume a key on a rejected token', async () => {
      const key = randomUUID();
      await t.http
        .post(items())
        .set('Authorization', 'Token not-a-real-key')
        .set('Idempotency-Key', key)
        .send({ name: newName() })
        .expect(401);
      expect(await keyRow(key)).toEqual([]);
    });
  });

  describe('scoping and keys', () => {
    it("scopes keys per principal: another user's identical key runs on its own", async () => {
      const key = randomUUID();
      const name = newName();
      const mine = await create(key, { name }, { as: alice }).expect(201);
      const theirs = await create(key, { name }, { as: bob }).expect(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      const rows = await rowsNamed(name);
      expect(rows.map((row) => row.owner)).toEqual([alice.user.id, bob.user.id]);
      const again = await create(key, { name }, { as: alice }).expect(201);
      expect(again.body).toEqual(mine.body);
    });

    it.each<[string, Family, (req: ReturnType<typeof create>) => unknown, string]>([
      ['empty', 'api', (req) => req.set('Idempotency-Key', ''), KEY_FORMAT],
      ['256 characters', 'v1', (req) => req.set('Idempotency-Key', 'k'.repeat(256)), KEY_FORMAT],
      ['not printable ASCII', 'api', (req) => req.set('Idempotency-Key', 'clé'), KEY_FORMAT],
      [
        'sent twice',
        'v1',
        // Node sends an array as one header line per value.
        (req) => req.set('Idempotency-Key', ['a', 'b'] as unknown as string),
        'Idempotency-Key must be sent only once.',
      ],
    ])('answers 400 to a key that is %s (%s)', async (_case, family, withKey, detail) => {
      const name = newName();
      const req = create(undefined, { name }, { family });
      withKey(req);
      const res = await req.expect(400);
      expect(res.body).toEqual(errorBody(family, res, 400, 'idempotency_key_invalid', detail));
      expect(await rowsNamed(name)).toHaveLength(0);
    });

    it('accepts a key of 255 characters', async () => {
      const key = `${randomUUID()}${'k'.repeat(219)}`;
      expect(key).toHaveLength(255);
      const name = newName();
      await create(key, { name }).expect(201);
      expect((await create(key, { name }).expect(201)).headers['idempotent-replayed']).toBe('true');
    });

    describe('body field idempotency_key', () => {
      const path = '/v1/idempotency-probe/groups/g2/items';
      const send = (body: object, header?: string) => {
        const req = t.http.post(path).set('Authorization', alice.auth);
        if (header !== undefined) req.set('Idempotency-Key', header);
        return req.send(body);
      };

      it('is the same key as the header', async () => {
        const key = randomUUID();
        const name = newName();
        const first = await send({ name, idempotency_key: key }).expect(200);
        const viaHeader = await send({ name }, key).expect(200);
        expect(viaHeader.headers['idempotent-replayed']).toBe('true');
        const both = await send({ name, idempotency_key: key }, key).expect(200);
        expect(both.headers['idempotent-replayed']).toBe('true');
        expect(both.text).toBe(first.text);
        expect(await rowsNamed(name)).toHaveLength(1);
      });

      it('answers 400 when it contradicts the header or is not a string', async () => {
        const name = newName();
        const differ = await send({ name, idempotency_key: randomUUID() }, randomUUID()).expect(
          400,
        );
        expect(differ.body).toEqual(
          errorBody(
            'v1',
            differ,
            400,
            'idempotency_key_invalid',
            'The Idempotency-Key header and idempotency_key must be the same key.',
          ),
        );
        const notString = await send({ name, idempotency_key: 42 }).expect(400);
        expect(notString.body).toEqual(
          errorBody(
            'v1',
            notString,
            400,
            'idempotency_key_invalid',
            'idempotency_key must be a string.',
          ),
        );
        expect(await rowsNamed(name)).toHaveLength(0);
      });
    });
  });

  describe('failures and retention', () => {
    it('lets a retry succeed after the client of the first request disconnected', async () => {
      const key = randomUUID();
      const name = newName();
      const body = JSON.stringify({ name, sleep_ms: 800 });
      const aborted = new Promise<void>((resolve) => {
        const req = http.request(`${t.baseUrl.replace('[::1]', '127.0.0.1')}${items()}`, {
          method: 'POST',
          headers: {
            authorization: alice.auth,
            'idempotency-key': key,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        });
        req.on('error', () => resolve());
        req.end(body);
        void keyLocked().then(() => req.destroy());
      });
      await aborted;
      const during = await create(key, { name, sleep_ms: 800 });
      expect(during.status).toBe(409);

      // The handler of the disconnected client completes and commits; retries then replay it.
      let retry = during;
      for (let attempt = 0; attempt < 50 && retry.status === 409; attempt++) {
        await sleep(100);
        retry = await create(key, { name, sleep_ms: 800 });
      }
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const rows = await rowsNamed(name);
      expect(rows).toHaveLength(1);
      expect(retry.body).toEqual({ id: rows[0].id, name });
    });

    it('starts a new request once the key has expired, and the reaper deletes expired keys', async () => {
      const key = randomUUID();
      const name = newName();
      await create(key, { name }).expect(201);
      await db.query(
        "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
        [key],
      );
      const other = newName();
      const fresh = await create(key, { name: other }).expect(201);
      expect(fresh.headers['idempotent-replayed']).toBeUndefined();
      expect(await rowsNamed(other)).toHaveLength(1);

      const { rows } = await db.query<{ expires_in_hours: number }>(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS expires_in_hours
         FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      expect(rows).toEqual([{ expires_in_hours: 24 }]);

      const kept = randomUUID();
      await create(kept, { name: newName() }).expect(201);
      await db.query(
        "UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1",
        [key],
      );
      await t.app.get(IdempotencyReaper).reap(new Date('2026-01-01T00:00:00Z'));
      expect(await keyRow(key)).toEqual([]);
      expect(await keyRow(kept)).toEqual([{ status: 'finished', response_status: 201 }]);
    });
  });

  it('documents the header in the OpenAPI document', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    const operation = doc.body.paths['/api/idempotency-probe/items/'].post;
    expect(operation.parameters).toContainEqual(
      expect.objectContaining({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
        },
      }),
    );
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
    expect(
      doc.body.paths['/api/idempotency-probe/plain/'].post.parameters ?? [],
    ).not.toContainEqual(expect.objectContaining({ name: 'Idempotency-Key' }));
  });

  it('refuses to boot when @Idempotent() would run before a FileInterceptor', async () => {
    @Controller('api/misordered')
    class MisorderedController {
      @Post()
      @UseInterceptors(FileInterceptor('file'))
      @Idempotent()
      upload() {
        return {};
      }
    }
    @Module({ imports: [IdempotencyModule], controllers: [MisorderedController] })
    class MisorderedModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl: t.databaseUrl }), MisorderedModule],
    }).compile();
    const app = moduleRef.createNestApplication(APP_OPTIONS);
    configureApp(app);
    await expect(app.init()).rejects.toThrow(
      'MisorderedController.upload: list @Idempotent() above the decorators that add interceptors',
    );
    await app.close();
  });
});
