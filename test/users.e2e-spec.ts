import { randomBytes } from 'node:crypto';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

const HEX = /^[0-9a-f]{32}$/;
const hex = (id: string) => id.replace(/-/g, '');

describe('users and API keys', () => {
  let t: TestApp;
  let staff: TestUser;
  let support: TestUser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    [staff, support, alice, bob] = await Promise.all([
      createStaff(t.app),
      createSupport(t.app),
      createUser(t.app),
      createUser(t.app),
    ]);
  });
  afterAll(() => t.close());

  describe('POST /api/users/', () => {
    it('lets staff create a user', async () => {
      const res = await t.http
        .post('/api/users/')
        .set('Authorization', staff.auth)
        .send({
          username: 'jane.applicant',
          email: 'jane@example.com',
          full_name: 'Jane Applicant',
          is_support: true,
          extra: 'ignored',
        })
        .expect(201);
      expect(res.body).toEqual({
        url: expect.stringMatching(/^http:\/\/[^/]+\/api\/users\/[0-9a-f]{32}\/$/),
        uuid: expect.stringMatching(HEX),
        username: 'jane.applicant',
        email: 'jane@example.com',
        full_name: 'Jane Applicant',
        is_staff: false,
        is_support: true,
        is_active: true,
        date_joined: expect.any(String),
      });
      expect(res.body.url).toContain(`/api/users/${res.body.uuid}/`);
      await t.http.get(`/api/users/${res.body.uuid}/`).set('Authorization', staff.auth).expect(200);
    });

    it('rejects a taken username with 400 on the field', async () => {
      const res = await t.http
        .post('/api/users/')
        .set('Authorization', staff.auth)
        .send({ username: alice.user.username })
        .expect(400);
      expect(res.body).toEqual({ username: ['A user with that username already exists.'] });
    });

    it('creates exactly one of many concurrent users with the same username', async () => {
      const username = `race_${randomBytes(4).toString('hex')}`;
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post('/api/users/').set('Authorization', staff.auth).send({ username }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(400)]);
    });

    it.each([
      [{}, { username: ['This field is required.'] }],
      [
        { username: 'has space' },
        { username: ['Enter a valid username: letters, digits and @/./+/-/_ only.'] },
      ],
      [{ username: 'ok', email: 'nope' }, { email: ['email must be an email'] }],
      [{ username: 'ok', is_staff: 'true' }, { is_staff: ['is_staff must be a boolean value'] }],
      [
        { username: 'x'.repeat(151) },
        { username: ['username must be shorter than or equal to 150 characters'] },
      ],
    ])('validates %j', async (body, errors) => {
      const res = await t.http
        .post('/api/users/')
        .set('Authorization', staff.auth)
        .send(body)
        .expect(400);
      expect(res.body).toEqual(errors);
    });

    it('is staff-only: support and applicants get 403 and nothing is created', async () => {
      for (const caller of [support, alice]) {
        const res = await t.http
          .post('/api/users/')
          .set('Authorization', caller.auth)
          .send({ username: 'sneaky' })
          .expect(403);
        expect(res.body).toEqual({ detail: 'You do not have permission to perform this action.' });
      }
      const list = await t.http
        .get('/api/users/?page_size=300')
        .set('Authorization', staff.auth)
        .expect(200);
      expect(list.body.map((u: { username: string }) => u.username)).not.toContain('sneaky');
    });
  });

  describe('reading users', () => {
    it('shows the caller at /api/users/me/', async () => {
      const res = await t.http.get('/api/users/me/').set('Authorization', alice.auth).expect(200);
      expect(res.body).toMatchObject({
        uuid: hex(alice.user.id),
        username: alice.user.username,
        is_staff: false,
      });
    });

    it('shows a user to itself, staff and support, and 404 to anyone else', async () => {
      const path = `/api/users/${hex(alice.user.id)}/`;
      for (const caller of [alice, staff, support])
        await t.http.get(path).set('Authorization', caller.auth).expect(200);
      await t.http.get(path).set('Authorization', bob.auth).expect(404, { detail: 'Not found.' });
    });

    it('accepts hyphenated uuids and answers 404 for malformed or unknown ones', async () => {
      await t.http.get(`/api/users/${alice.user.id}/`).set('Authorization', staff.auth).expect(200);
      await t.http.get('/api/users/not-a-uuid/').set('Authorization', staff.auth).expect(404);
      await t.http
        .get(`/api/users/${'0'.repeat(32)}/`)
        .set('Authorization', staff.auth)
        .expect(404);
    });

    it('lists users to staff and support only', async () => {
      await t.http.get('/api/users/').set('Authorization', support.auth).expect(200);
      await t.http.get('/api/users/').set('Authorization', alice.auth).expect(403);
    });
  });

  describe('POST /api/users/{uuid}/token/', () => {
    it('issues a new key to the user itself and revokes the previous one', async () => {
      const user = await createUser(t.app);
      const res = await t.http
        .post(`/api/users/${hex(user.user.id)}/token/`)
        .set('Authorization', user.auth)
        .expect(201);
      expect(Object.keys(res.body)).toEqual(['token']);
      expect(res.body.token.length).toBeGreaterThanOrEqual(43);
      await t.http.get('/api/users/me/').set('Authorization', user.auth).expect(401);
      await t.http
        .get('/api/users/me/')
        .set('Authorization', `Token ${res.body.token}`)
        .expect(200);
    });

    it('lets staff issue a key for someone else', async () => {
      const user = await createUser(t.app);
      const res = await t.http
        .post(`/api/users/${hex(user.user.id)}/token/`)
        .set('Authorization', staff.auth)
        .expect(201);
      const me = await t.http
        .get('/api/users/me/')
        .set('Authorization', `Bearer ${res.body.token}`)
        .expect(200);
      expect(me.body.uuid).toBe(hex(user.user.id));
    });

    it('refuses support (403) and other users (404), leaving the key working', async () => {
      await t.http
        .post(`/api/users/${hex(alice.user.id)}/token/`)
        .set('Authorization', support.auth)
        .expect(403);
      await t.http
        .post(`/api/users/${hex(alice.user.id)}/token/`)
        .set('Authorization', bob.auth)
        .expect(404);
      await t.http.get('/api/users/me/').set('Authorization', alice.auth).expect(200);
    });
  });

  describe('the admin user', () => {
    it('is keyed by ADMIN_TOKEN at boot, and a changed ADMIN_TOKEN replaces the key', async () => {
      const first = `first-admin-token-${randomBytes(16).toString('hex')}`;
      const second = `second-admin-token-${randomBytes(16).toString('hex')}`;
      const one = await createTestApp({ config: { adminToken: first } });
      try {
        const me = await one.http
          .get('/api/users/me/')
          .set('Authorization', `Token ${first}`)
          .expect(200);
        expect(me.body).toMatchObject({ username: 'admin', is_staff: true });
        const two = await createTestApp({
          databaseUrl: one.databaseUrl,
          config: { adminToken: second },
        });
        await two.http.get('/api/users/me/').set('Authorization', `Token ${second}`).expect(200);
        await two.http.get('/api/users/me/').set('Authorization', `Token ${first}`).expect(401);
        await two.close();
      } finally {
        await one.close();
      }
    });
  });
});
