import pg from 'pg';
import { Psd2Jobs } from '../src/psd2/psd2.jobs.js';
import {
  createStaff,
  createSupport,
  createUser,
  type TestUser,
  createPerson as personOf,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { notFound, validationError } from './support/solaris-errors.js';

const CHALLENGE_ID = /^[0-9a-f]{32}psdc$/;
const REDIRECT_BASE = 'http://my.sb.de/consent';

type Answered = { headers: Record<string, string> };

const expiredError = (res: Answered) => ({
  errors: [
    {
      id: res.headers['x-request-id'],
      status: 401,
      code: 'unauthorized_psd2_challenge',
      title: 'Unauthorized PSD2 challenge',
      detail: 'Challenge expired.',
    },
  ],
});

const mismatchError = (res: Answered) => ({
  errors: [
    {
      id: res.headers['x-request-id'],
      status: 400,
      code: 'invalid_request',
      title: 'Invalid Request',
      detail: 'The IBAN requested by the TPP does not belong to the specified person.',
    },
  ],
});

interface Challenge {
  id: string;
  person_id: string | null;
  redirect_url: string | null;
  status: string;
  expires_at: string;
}

describe('PSD2 challenges (/v1/psd2/challenges)', () => {
  let t: TestApp;
  let db: pg.Client;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    partner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const createPerson = (as: TestUser = partner) => personOf(t.http, as.auth);

  const open = async (as: TestUser = staff, body: object = {}): Promise<Challenge> => {
    const res = await t.http
      .post('/v1/psd2/challenges')
      .set('Authorization', as.auth)
      .send(body)
      .expect(201);
    return res.body as Challenge;
  };

  const expire = (id: string, ago = '1 second') =>
    db.query(`UPDATE psd2_challenges SET expires_at = now() - $2::interval WHERE id = $1`, [
      id,
      ago,
    ]);

  const patch = (id: string, body: object, as: TestUser = partner) =>
    t.http.patch(`/v1/psd2/challenges/${id}`).set('Authorization', as.auth).send(body);

  it('story: staff open a challenge, the partner verifies it, binds its person and gets the 2FA redirect', async () => {
    const personId = await createPerson();
    const before = Date.now();
    const created = await t.http
      .post('/v1/psd2/challenges')
      .set('Authorization', staff.auth)
      .send({})
      .expect(201);
    const challenge = created.body as Challenge;
    expect(challenge).toEqual({
      id: expect.stringMatching(CHALLENGE_ID),
      person_id: null,
      redirect_url: null,
      status: 'PENDING',
      expires_at: expect.any(String),
    });
    const ttl = new Date(challenge.expires_at).getTime() - before;
    expect(ttl).toBeGreaterThan(299_000);
    expect(ttl).toBeLessThanOrEqual(301_000);

    const verified = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect(verified.body).toEqual({ person_id: null, redirect_url: null });

    const updated = await patch(challenge.id, { person_id: personId }).expect(200);
    const bound = {
      person_id: personId,
      redirect_url: `${REDIRECT_BASE}?consent_challenge=${challenge.id}`,
    };
    expect(updated.body).toEqual(bound);

    const again = await patch(challenge.id, { person_id: personId }).expect(200);
    expect(again.body).toEqual(bound);
    const reread = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect(reread.body).toEqual(bound);

    // Bound to the partner's person, the challenge is no longer anyone else's to see.
    const hidden = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', other.auth)
      .expect(404);
    expect(hidden.body).toEqual(notFound(hidden, 'Psd2Challenge', challenge.id));

    const audit = await t.http
      .get(`/api/audit-events/?object_uuid=${challenge.id}`)
      .set('Authorization', staff.auth)
      .expect(200);
    expect(
      (audit.body as { action: string; actor_uuid: string; request_id: string }[]).map((e) => [
        e.action,
        e.actor_uuid,
        e.request_id,
      ]),
    ).toEqual([
      [
        'psd2.challenge_authenticated',
        partner.user.id.replace(/-/g, ''),
        updated.headers['x-request-id'],
      ],
      ['psd2.challenge_created', staff.user.id.replace(/-/g, ''), created.headers['x-request-id']],
    ]);
    expect((audit.body as { after: unknown }[])[0].after).toEqual({
      person_id: personId,
      status: 'AUTHENTICATED',
      redirect_url: bound.redirect_url,
    });
  });

  it('opens a challenge for a person, with its own lifetime', async () => {
    const personId = await createPerson();
    const before = Date.now();
    const challenge = await open(staff, { person_id: personId, ttl_seconds: 60 });
    expect(challenge).toMatchObject({ person_id: personId, redirect_url: null, status: 'PENDING' });
    const ttl = new Date(challenge.expires_at).getTime() - before;
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(61_000);
    const verified = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect(verified.body).toEqual({ person_id: personId, redirect_url: null });
    const res = await patch(challenge.id, { person_id: personId }).expect(200);
    expect(res.body).toEqual({
      person_id: personId,
      redirect_url: `${REDIRECT_BASE}?consent_challenge=${challenge.id}`,
    });
  });

  it('lets a partner open its own challenges in the sandbox; others do not see them', async () => {
    const challenge = await open(partner);
    expect(challenge.person_id).toBeNull();
    const res = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', other.auth)
      .expect(404);
    expect(res.body).toEqual(notFound(res, 'Psd2Challenge', challenge.id));
    const stolen = await patch(challenge.id, { person_id: await createPerson(other) }, other);
    expect(stolen.status).toBe(404);
    expect(stolen.body).toEqual(notFound(stolen, 'Psd2Challenge', challenge.id));
    await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', support.auth)
      .expect(200);
  });

  it("refuses to open a challenge for another partner's person", async () => {
    const res = await t.http
      .post('/v1/psd2/challenges')
      .set('Authorization', partner.auth)
      .send({ person_id: await createPerson(other) })
      .expect(400);
    expect(res.body).toEqual(
      validationError(res, 'person_id', 'must be an existing person of yours'),
    );
  });

  it('ignores null members, as Solaris does', async () => {
    const challenge = await open(staff, { person_id: null, ttl_seconds: null });
    expect(challenge).toMatchObject({ person_id: null, status: 'PENDING' });
  });

  it('validates the lifetime', async () => {
    for (const ttl of [0, 86_401, 1.5, 'soon']) {
      const res = await t.http
        .post('/v1/psd2/challenges')
        .set('Authorization', staff.auth)
        .send({ ttl_seconds: ttl });
      expect(res.status).toBe(400);
      expect((res.body as { errors: { source: { field: string } }[] }).errors[0].source.field).toBe(
        'ttl_seconds',
      );
    }
  });

  it('answers 401 "Challenge expired." on verify and update once expired', async () => {
    const personId = await createPerson();
    const challenge = await open();
    await expire(challenge.id);
    const verify = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', partner.auth)
      .expect(401);
    expect(verify.body).toEqual(expiredError(verify));
    const update = await patch(challenge.id, { person_id: personId }).expect(401);
    expect(update.body).toEqual(expiredError(update));
    const row = await db.query('SELECT person_id, status FROM psd2_challenges WHERE id = $1', [
      challenge.id,
    ]);
    expect(row.rows).toEqual([{ person_id: null, status: 'PENDING' }]);
  });

  it('answers 401 for a bound challenge that expired, even to the same PATCH', async () => {
    const personId = await createPerson();
    const challenge = await open();
    await patch(challenge.id, { person_id: personId }).expect(200);
    await expire(challenge.id);
    const res = await patch(challenge.id, { person_id: personId }).expect(401);
    expect(res.body).toEqual(expiredError(res));
  });

  it('answers 404 for unknown and malformed challenge ids', async () => {
    const personId = await createPerson();
    for (const id of ['0123456789abcdef0123456789abcdefpsdc', 'nope', `${'a'.repeat(32)}cper`]) {
      const verify = await t.http
        .get(`/v1/psd2/challenges/${id}`)
        .set('Authorization', partner.auth)
        .expect(404);
      expect(verify.body).toEqual(notFound(verify, 'Psd2Challenge', id));
      const update = await patch(id, { person_id: personId }).expect(404);
      expect(update.body).toEqual(notFound(update, 'Psd2Challenge', id));
    }
  });

  it('answers 400 invalid_request when the challenge is bound to another person', async () => {
    const owner = await createPerson();
    const challenge = await open(staff, { person_id: owner });
    const res = await patch(challenge.id, { person_id: await createPerson() }).expect(400);
    expect(res.body).toEqual(mismatchError(res));

    const claimed = await open();
    await patch(claimed.id, { person_id: owner }).expect(200);
    const late = await patch(claimed.id, { person_id: await createPerson() }).expect(400);
    expect(late.body).toEqual(mismatchError(late));
    const verified = await t.http
      .get(`/v1/psd2/challenges/${claimed.id}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect(verified.body).toMatchObject({ person_id: owner });
  });

  it('answers 400 validation_error for a missing or unknown person_id', async () => {
    const challenge = await open();
    const missing = await patch(challenge.id, {}).expect(400);
    expect(missing.body).toEqual(validationError(missing, 'person_id', 'This field is required.'));
    for (const personId of [
      '0123456789abcdef0123456789abcdefcper',
      'nobody',
      await createPerson(other),
    ]) {
      const res = await patch(challenge.id, { person_id: personId }).expect(400);
      expect(res.body).toEqual(
        validationError(res, 'person_id', 'must be an existing person of yours'),
      );
    }
    const padded = await patch(challenge.id, { person_id: ' x' }).expect(400);
    expect(padded.body).toEqual(
      validationError(padded, 'person_id', 'must not start or end with whitespace'),
    );
  });

  it('lets exactly one of concurrent PATCHes with different persons win', async () => {
    const challenge = await open();
    const persons = await Promise.all(Array.from({ length: 10 }, () => createPerson()));
    const results = await Promise.all(
      persons.map((personId) => patch(challenge.id, { person_id: personId })),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(400)]);
    const winner = results.find((res) => res.status === 200)!;
    for (const loser of results.filter((res) => res.status === 400)) {
      expect(loser.body).toEqual(mismatchError(loser));
    }
    const verified = await t.http
      .get(`/v1/psd2/challenges/${challenge.id}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect(verified.body).toEqual(winner.body);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE object_id = $1 AND action = 'psd2.challenge_authenticated'`,
      [challenge.id],
    );
    expect(audit.rows).toEqual([{ n: 1 }]);
  });

  it('replays a creation with the same Idempotency-Key', async () => {
    const first = await t.http
      .post('/v1/psd2/challenges')
      .set('Authorization', staff.auth)
      .set('Idempotency-Key', 'psd2-open-1')
      .send({ ttl_seconds: 120 })
      .expect(201);
    const replay = await t.http
      .post('/v1/psd2/challenges')
      .set('Authorization', staff.auth)
      .set('Idempotency-Key', 'psd2-open-1')
      .send({ ttl_seconds: 120 })
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const count = await db.query('SELECT count(*)::int AS n FROM psd2_challenges WHERE id = $1', [
      (first.body as Challenge).id,
    ]);
    expect(count.rows).toEqual([{ n: 1 }]);
  });

  it('cleans up challenges expired over a day ago, once per slot across replicas', async () => {
    const old = await open();
    const recent = await open();
    const live = await open();
    await expire(old.id, '25 hours');
    await expire(recent.id, '1 minute');
    const jobs = t.app.get(Psd2Jobs);
    const now = new Date();
    const runs = await Promise.all(
      Array.from({ length: 5 }, () => jobs.deleteExpiredChallenges(now)),
    );
    expect(runs.filter(Boolean)).toHaveLength(1);
    const left = await db.query('SELECT id FROM psd2_challenges WHERE id = ANY($1)', [
      [old.id, recent.id, live.id],
    ]);
    expect(left.rows.map((row: { id: string }) => row.id).sort()).toEqual(
      [recent.id, live.id].sort(),
    );
    const gone = await t.http
      .get(`/v1/psd2/challenges/${old.id}`)
      .set('Authorization', partner.auth)
      .expect(404);
    expect(gone.body).toEqual(notFound(gone, 'Psd2Challenge', old.id));
    await t.http
      .get(`/v1/psd2/challenges/${recent.id}`)
      .set('Authorization', partner.auth)
      .expect(401);
  });

  describe('with SANDBOX=false and a configured redirect and lifetime', () => {
    let production: TestApp;
    const saved = { ...process.env };

    beforeAll(async () => {
      Object.assign(process.env, {
        SANDBOX: 'false',
        PSD2_REDIRECT_BASE_URL: 'https://sca.example.test/2fa',
        PSD2_CHALLENGE_TTL_SECONDS: '120',
      });
      try {
        production = await createTestApp({ databaseUrl: t.databaseUrl });
      } finally {
        process.env.SANDBOX = saved.SANDBOX;
        delete process.env.PSD2_REDIRECT_BASE_URL;
        delete process.env.PSD2_CHALLENGE_TTL_SECONDS;
      }
    });
    afterAll(() => production.close());

    it('lets only staff open challenges, with the configured lifetime and redirect', async () => {
      const refused = await production.http
        .post('/v1/psd2/challenges')
        .set('Authorization', partner.auth)
        .send({})
        .expect(403);
      expect(refused.body).toEqual({
        errors: [
          {
            id: refused.headers['x-request-id'],
            status: 403,
            code: 'unauthorized_action',
            title: 'Unauthorized Action',
            detail: 'Only staff open PSD2 challenges outside the sandbox.',
          },
        ],
      });
      const personId = await createPerson();
      const before = Date.now();
      const created = await production.http
        .post('/v1/psd2/challenges')
        .set('Authorization', staff.auth)
        .send({ person_id: personId })
        .expect(201);
      const challenge = created.body as Challenge;
      const ttl = new Date(challenge.expires_at).getTime() - before;
      expect(ttl).toBeGreaterThan(119_000);
      expect(ttl).toBeLessThanOrEqual(121_000);
      const res = await production.http
        .patch(`/v1/psd2/challenges/${challenge.id}`)
        .set('Authorization', partner.auth)
        .send({ person_id: personId })
        .expect(200);
      expect(res.body).toEqual({
        person_id: personId,
        redirect_url: `https://sca.example.test/2fa?consent_challenge=${challenge.id}`,
      });
    });
  });
});
