import pg from 'pg';
import { VerificationsService } from '../src/onboarding/verifications.service.js';
import { OnboardingJobs } from '../src/onboarding/onboarding.jobs.js';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  type ApiObject,
  auditOf,
  COMPANY,
  failedVerification,
  HEX32,
  ISO_DATE,
  justify,
  startVerification,
  uuidsOf,
  useWaldurContract,
} from './support/onboarding.js';

const HOUR_MS = 3_600_000;

describe('onboarding verifications', () => {
  let t: TestApp;
  let db: pg.Client;
  let owner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    owner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  useWaldurContract('onboarding verifications', () => t);
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const userUrl = (user: TestUser) => `${t.baseUrl}/api/users/${user.user.id.replace(/-/g, '')}/`;
  const hex = (user: TestUser) => user.user.id.replace(/-/g, '');

  describe('start_verification', () => {
    it('without a method escalates for manual review and expires after 48 hours', async () => {
      const before = Date.now();
      const res = await t.http
        .post('/api/onboarding-verifications/start_verification/')
        .set('Authorization', owner.auth)
        .send(COMPANY)
        .expect(200);
      expect(res.body).toEqual({
        uuid: expect.stringMatching(HEX32),
        user: userUrl(owner),
        user_full_name: '',
        country: 'EE',
        legal_person_identifier: '12345678',
        legal_name: 'Test Company OÜ',
        status: 'escalated',
        justifications: [],
        validation_method: '',
        verified_user_roles: [],
        verified_company_data: {},
        raw_response: null,
        error_traceback: '',
        error_message: '',
        validated_at: null,
        expires_at: expect.stringMatching(ISO_DATE),
        customer: null,
        onboarding_metadata: {},
        user_submitted_customer_data: {},
        can_customer_be_created: false,
        customer_creation_error_message:
          "Verification status must be 'verified', currently 'escalated'",
        created: expect.stringMatching(ISO_DATE),
        modified: expect.stringMatching(ISO_DATE),
      });
      const expiresIn = Date.parse(res.body.expires_at) - before;
      expect(expiresIn).toBeGreaterThanOrEqual(48 * HOUR_MS);
      expect(expiresIn).toBeLessThan(48 * HOUR_MS + 60_000);
      const [event] = await auditOf(t, staff, res.body.uuid);
      expect(event).toMatchObject({
        action: 'verification.started',
        actor_uuid: hex(owner),
        object_type: 'onboarding_verification',
        after: { status: 'escalated', validation_method: '' },
      });
    });

    it('with a method is pending', async () => {
      const body = await startVerification(t, owner, { validation_method: 'ariregister' });
      expect(body).toMatchObject({ status: 'pending', validation_method: 'ariregister' });
      expect(body.expires_at).toMatch(ISO_DATE);
    });

    it('takes every field as optional and blank, as upstream', async () => {
      for (const body of [{}, { legal_name: '' }, { country: 'EE' }, { country: 'XK' }]) {
        const res = await t.http
          .post('/api/onboarding-verifications/start_verification/')
          .set('Authorization', owner.auth)
          .send(body)
          .expect(200);
        expect(res.body).toMatchObject({
          country: '',
          legal_person_identifier: '',
          legal_name: '',
          status: 'escalated',
          ...body,
        });
      }
    });

    it('validates the body field by field', async () => {
      const res = await t.http
        .post('/api/onboarding-verifications/start_verification/')
        .set('Authorization', owner.auth)
        .send({
          country: 'Estonia',
          legal_person_identifier: 5,
          legal_name: null,
          validation_method: 'magic',
        })
        .expect(400);
      expect(res.body).toEqual({
        country: ['Ensure this field has no more than 2 characters.'],
        legal_person_identifier: ['Not a valid string.'],
        legal_name: ['This field may not be null.'],
        validation_method: ['"magic" is not a valid choice.'],
      });
    });

    it('rejects over-long values', async () => {
      const res = await t.http
        .post('/api/onboarding-verifications/start_verification/')
        .set('Authorization', owner.auth)
        .send({ ...COMPANY, legal_person_identifier: '1'.repeat(51) })
        .expect(400);
      expect(res.body).toEqual({
        legal_person_identifier: ['Ensure this field has no more than 50 characters.'],
      });
    });

    it('needs authentication', async () => {
      await t.http
        .post('/api/onboarding-verifications/start_verification/')
        .send(COMPANY)
        .expect(401, { detail: 'Authentication credentials were not provided.' });
    });
  });

  describe('visibility', () => {
    it('shows a verification to its owner, staff and support; others get 404', async () => {
      const verification = await startVerification(t, owner);
      const path = `/api/onboarding-verifications/${verification.uuid}/`;
      for (const reader of [owner, staff, support]) {
        const res = await t.http.get(path).set('Authorization', reader.auth).expect(200);
        expect(res.body.uuid).toBe(verification.uuid);
      }
      await t.http.get(path).set('Authorization', other.auth).expect(404, { detail: 'Not found.' });
      await t.http
        .patch(path)
        .set('Authorization', other.auth)
        .send({ legal_name: 'Mine now' })
        .expect(404, { detail: 'Not found.' });
      await t.http
        .put(path)
        .set('Authorization', other.auth)
        .send(COMPANY)
        .expect(404, { detail: 'Not found.' });
      await t.http.delete(path).set('Authorization', other.auth).expect(404);
      const list = await t.http
        .get('/api/onboarding-verifications/')
        .set('Authorization', other.auth)
        .expect(200);
      expect(uuidsOf(list.body)).not.toContain(verification.uuid);
      await t.http.get(path).set('Authorization', owner.auth).expect(200);
    });

    it('accepts hyphenated uuids and answers 404 for malformed or unknown ones', async () => {
      const verification = await startVerification(t, owner);
      const hyphenated = verification.uuid.replace(
        /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
        '$1-$2-$3-$4-$5',
      );
      await t.http
        .get(`/api/onboarding-verifications/${hyphenated}/`)
        .set('Authorization', owner.auth)
        .expect(200);
      await t.http
        .get('/api/onboarding-verifications/not-a-uuid/')
        .set('Authorization', owner.auth)
        .expect(404, { detail: 'Not found.' });
      await t.http
        .get(`/api/onboarding-verifications/${'0'.repeat(32)}/`)
        .set('Authorization', staff.auth)
        .expect(404, { detail: 'Not found.' });
    });

    it('shows raw_response to staff only (null for everyone else)', async () => {
      const started = await startVerification(t, owner, { validation_method: 'ariregister' });
      await t.http
        .post(`/api/onboarding-verifications/${started.uuid}/record_result/`)
        .set('Authorization', staff.auth)
        .send({ status: 'verified', raw_response: { keha: { arinimi: 'Test Company OÜ' } } })
        .expect(200);
      const path = `/api/onboarding-verifications/${started.uuid}/`;
      const asStaff = await t.http.get(path).set('Authorization', staff.auth).expect(200);
      expect(asStaff.body.raw_response).toEqual({ keha: { arinimi: 'Test Company OÜ' } });
      for (const reader of [owner, support]) {
        const res = await t.http.get(path).set('Authorization', reader.auth).expect(200);
        expect(res.body.raw_response).toBeNull();
      }
      const list = await t.http
        .get('/api/onboarding-verifications/')
        .set('Authorization', owner.auth)
        .expect(200);
      expect(list.body[0].raw_response).toBeNull();
    });
  });

  describe('list', () => {
    let lister: TestUser;
    let second: TestUser;
    const made: ApiObject[] = [];

    beforeAll(async () => {
      lister = await createUser(t.app);
      second = await createUser(t.app);
      made.push(
        await startVerification(t, lister, {
          country: 'EE',
          legal_person_identifier: 'AB-100',
          legal_name: 'Alpha Holding OÜ',
        }),
      );
      made.push(
        await startVerification(t, lister, {
          country: 'NO',
          legal_person_identifier: 'CD-200',
          legal_name: 'Beta 100% Oy',
          validation_method: 'breg',
        }),
      );
      made.push(
        await startVerification(t, second, {
          country: 'EE',
          legal_person_identifier: 'EF-300',
          legal_name: 'Gamma alpha AS',
        }),
      );
    });

    const list = (who: TestUser, query: Record<string, unknown> = {}) =>
      t.http.get('/api/onboarding-verifications/').query(query).set('Authorization', who.auth);

    it('lists only the caller’s own, newest first, with paging headers', async () => {
      const res = await list(lister).expect(200);
      expect(uuidsOf(res.body)).toEqual([made[1].uuid, made[0].uuid]);
      expect(res.headers['x-result-count']).toBe('2');
      const paged = await list(lister, { page: 2, page_size: 1 }).expect(200);
      expect(uuidsOf(paged.body)).toEqual([made[0].uuid]);
      expect(paged.headers.link).toContain('rel="prev"');
    });

    it('filters by user_uuid, country, status, legal_name and legal_person_identifier', async () => {
      const uuids = async (query: Record<string, unknown>) =>
        uuidsOf((await list(staff, { ...query, page_size: 300 }).expect(200)).body);
      expect(await uuids({ user_uuid: hex(second) })).toEqual([made[2].uuid]);
      expect(await uuids({ user_uuid: hex(lister), country: 'EE' })).toEqual([made[0].uuid]);
      expect(await uuids({ user_uuid: hex(lister), status: 'pending' })).toEqual([made[1].uuid]);
      expect(await uuids({ legal_name: 'ALPHA' })).toEqual(
        expect.arrayContaining([made[0].uuid, made[2].uuid]),
      );
      expect(await uuids({ legal_name: 'ALPHA', user_uuid: hex(second) })).toEqual([made[2].uuid]);
      expect(await uuids({ legal_name: '100%' })).toEqual([made[1].uuid]);
      expect(await uuids({ legal_person_identifier: 'cd-2' })).toEqual([made[1].uuid]);
    });

    it('supports HEAD with the count header', async () => {
      const res = await t.http
        .head('/api/onboarding-verifications/')
        .set('Authorization', lister.auth)
        .expect(200);
      expect(res.headers['x-result-count']).toBe('2');
    });

    it('rejects invalid filter values with 400', async () => {
      await list(staff, { user_uuid: 'nope' }).expect(400, { user_uuid: ['Enter a valid UUID.'] });
      await list(staff, { status: 'done' }).expect(400, {
        status: ['Select a valid choice. done is not one of the available choices.'],
      });
      await list(staff, { page: 0 }).expect(404, { detail: 'Invalid page.' });
    });
  });

  describe('update', () => {
    it('lets the owner PATCH and PUT while escalated, with an audit event', async () => {
      const verification = await startVerification(t, owner);
      const path = `/api/onboarding-verifications/${verification.uuid}/`;
      const patched = await t.http
        .patch(path)
        .set('Authorization', owner.auth)
        .send({ legal_name: 'Renamed OÜ', status: 'verified' })
        .expect(200);
      expect(patched.body).toMatchObject({
        legal_name: 'Renamed OÜ',
        legal_person_identifier: '12345678',
        status: 'escalated',
      });
      const put = await t.http
        .put(path)
        .set('Authorization', owner.auth)
        .send({ country: 'LV', legal_person_identifier: '40003', legal_name: 'Latvia SIA' })
        .expect(200);
      expect(put.body).toMatchObject({
        country: 'LV',
        legal_person_identifier: '40003',
        legal_name: 'Latvia SIA',
      });
      const events = await auditOf(t, staff, verification.uuid);
      expect(events.map((e) => e.action)).toEqual([
        'verification.started',
        'verification.updated',
        'verification.updated',
      ]);
      expect(events[1].before).toEqual(COMPANY);
    });

    it('takes PUT with any of the fields, or none, as upstream', async () => {
      const verification = await startVerification(t, owner);
      const path = `/api/onboarding-verifications/${verification.uuid}/`;
      await t.http.put(path).set('Authorization', owner.auth).send({}).expect(200);
      const res = await t.http
        .put(path)
        .set('Authorization', owner.auth)
        .send({ legal_name: 'Only this' })
        .expect(200);
      expect(res.body).toMatchObject({ ...COMPANY, legal_name: 'Only this' });
    });

    it('applies a valid expires_at and refuses an invalid one', async () => {
      const verification = await startVerification(t, owner);
      const path = `/api/onboarding-verifications/${verification.uuid}/`;
      const res = await t.http
        .patch(path)
        .set('Authorization', owner.auth)
        .send({ expires_at: '2031-01-02T03:04:05Z' })
        .expect(200);
      expect(res.body.expires_at).toBe('2031-01-02T03:04:05.000Z');
      await t.http
        .patch(path)
        .set('Authorization', owner.auth)
        .send({ expires_at: 'tomorrow' })
        .expect(400, {
          expires_at: [
            'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
          ],
        });
      const cleared = await t.http
        .put(path)
        .set('Authorization', owner.auth)
        .send({ expires_at: null })
        .expect(200);
      expect(cleared.body.expires_at).toBeNull();
      const events = await auditOf(t, staff, verification.uuid);
      expect(events.at(-1)).toMatchObject({
        action: 'verification.updated',
        before: { expires_at: '2031-01-02T03:04:05.000Z' },
        after: { expires_at: null },
      });
    });

    it('forbids staff and support from editing someone else’s verification', async () => {
      const verification = await startVerification(t, owner);
      for (const who of [staff, support]) {
        await t.http
          .patch(`/api/onboarding-verifications/${verification.uuid}/`)
          .set('Authorization', who.auth)
          .send({ legal_name: 'x' })
          .expect(403, { detail: 'You do not have permission to perform this action.' });
      }
    });

    it('refuses changes once the verification is no longer pending or escalated', async () => {
      const verification = await failedVerification(t, owner, staff);
      await t.http
        .patch(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', owner.auth)
        .send({ legal_name: 'x' })
        .expect(409, { detail: 'Only a pending or escalated verification can be changed.' });
    });
  });

  describe('delete', () => {
    it('lets the owner delete, with an audit event, and removes the row', async () => {
      const verification = await startVerification(t, owner);
      await t.http
        .delete(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', owner.auth)
        .expect(204);
      await t.http
        .get(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', owner.auth)
        .expect(404);
      const rows = await db.query('SELECT 1 FROM onboarding_verifications WHERE id = $1', [
        verification.uuid,
      ]);
      expect(rows.rowCount).toBe(0);
      const events = await auditOf(t, staff, verification.uuid);
      expect(events.at(-1)).toMatchObject({
        action: 'verification.deleted',
        actor_uuid: hex(owner),
        before: { ...COMPANY, user_uuid: hex(owner), status: 'escalated' },
        after: null,
      });
    });

    it('lets staff delete another user’s verification, with its justifications', async () => {
      const verification = await startVerification(t, owner);
      const justification = await justify(t, owner, verification.uuid);
      await t.http
        .delete(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', staff.auth)
        .expect(204);
      await t.http
        .get(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', staff.auth)
        .expect(404);
      const [event] = (await auditOf(t, staff, verification.uuid)).filter(
        (e) => e.action === 'verification.deleted',
      );
      expect(event.actor_uuid).toBe(hex(staff));
    });

    it('forbids support from deleting', async () => {
      const verification = await startVerification(t, owner);
      await t.http
        .delete(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', support.auth)
        .expect(403);
    });
  });

  describe('record_result', () => {
    it('records a verified result with the company data (staff)', async () => {
      const started = await startVerification(t, owner, { validation_method: 'ariregister' });
      const res = await t.http
        .post(`/api/onboarding-verifications/${started.uuid}/record_result/`)
        .set('Authorization', staff.auth)
        .send({
          status: 'verified',
          verified_company_data: {
            name: 'Test Company OÜ',
            registry: 'Estonian Business Register',
          },
          raw_response: { keha: {} },
        })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'verified',
        error_message: '',
        verified_company_data: { name: 'Test Company OÜ', registry: 'Estonian Business Register' },
        raw_response: { keha: {} },
        validated_at: expect.stringMatching(ISO_DATE),
      });
      const events = await auditOf(t, staff, started.uuid);
      expect(events.at(-1)).toMatchObject({
        action: 'verification.result_recorded',
        actor_uuid: hex(staff),
        before: { status: 'pending' },
        after: { status: 'verified', error_message: '' },
      });
    });

    it('records a failure with its code and message', async () => {
      const failed = await failedVerification(t, owner, staff);
      expect(failed).toMatchObject({
        status: 'failed',
        error_message: 'NOT_AUTHORIZED',
        error_traceback: 'User is not listed as authorized representative',
      });
    });

    it('is staff only', async () => {
      const started = await startVerification(t, owner, { validation_method: 'ariregister' });
      for (const who of [owner, support]) {
        await t.http
          .post(`/api/onboarding-verifications/${started.uuid}/record_result/`)
          .set('Authorization', who.auth)
          .send({ status: 'verified' })
          .expect(403, { detail: 'You do not have permission to perform this action.' });
      }
    });

    it('validates the status and refuses a second result', async () => {
      const started = await startVerification(t, owner, { validation_method: 'ariregister' });
      const path = `/api/onboarding-verifications/${started.uuid}/record_result/`;
      await t.http
        .post(path)
        .set('Authorization', staff.auth)
        .send({ status: 'expired', raw_response: 'text' })
        .expect(400, {
          status: ['status must be one of the following values: verified, failed, escalated'],
          raw_response: ['raw_response must be an object'],
        });
      await t.http
        .post(path)
        .set('Authorization', staff.auth)
        .send({ status: 'failed' })
        .expect(200);
      await t.http
        .post(path)
        .set('Authorization', staff.auth)
        .send({ status: 'verified' })
        .expect(409, {
          detail: 'A result can only be recorded for a pending or escalated verification.',
        });
    });
  });

  describe('expiry (hourly job)', () => {
    const setRow = (uuid: string, status: string, expiresInHours: number) =>
      db.query(
        `UPDATE onboarding_verifications SET status = $2,
                expires_at = now() + make_interval(hours => $3) WHERE id = $1`,
        [uuid, status, expiresInHours],
      );
    const rowOf = async (uuid: string) =>
      (
        await db.query<{ status: string; error_message: string; error_traceback: string }>(
          'SELECT status, error_message, error_traceback FROM onboarding_verifications WHERE id = $1',
          [uuid],
        )
      ).rows[0];

    it('expires only stale pending and escalated verifications', async () => {
      const cases: [string, number, string, string][] = [
        ['pending', -1, 'expired', 'VERIFICATION_EXPIRED'],
        ['escalated', -2, 'expired', 'VERIFICATION_EXPIRED'],
        ['expired', -3, 'expired', ''],
        ['pending', 1, 'pending', ''],
        ['escalated', 1, 'escalated', ''],
        ['failed', -1, 'failed', ''],
        ['failed', 1, 'failed', ''],
      ];
      const rows: string[] = [];
      for (const [status, hours] of cases) {
        const verification = await startVerification(t, owner);
        await setRow(verification.uuid, status, hours);
        rows.push(verification.uuid);
      }
      const expired = await t.app.get(VerificationsService).expireStale();
      expect(expired).toBe(2);
      for (const [index, [, , status, errorMessage]] of cases.entries()) {
        const row = await rowOf(rows[index]);
        expect(row).toMatchObject({ status, error_message: errorMessage });
        if (errorMessage) expect(row.error_traceback.toLowerCase()).toContain('expired');
        else expect(row.error_traceback).toBe('');
      }
      const [event] = (await auditOf(t, staff, rows[0])).filter(
        (e) => e.action === 'verification.expired',
      );
      expect(event).toMatchObject({
        actor_uuid: null,
        before: { status: 'pending' },
        after: { status: 'expired', error_message: 'VERIFICATION_EXPIRED' },
      });
      expect(await t.app.get(VerificationsService).expireStale()).toBe(0);
    });

    it('runs once per hour across replicas', async () => {
      const replica = await createTestApp({ databaseUrl: t.databaseUrl });
      try {
        const verification = await startVerification(t, owner);
        await setRow(verification.uuid, 'escalated', -1);
        const jobs = [t.app.get(OnboardingJobs), replica.app.get(OnboardingJobs)];
        await Promise.all([...jobs, ...jobs].map((job) => job.expireVerifications()));
        const events = (await auditOf(t, staff, verification.uuid)).filter(
          (e) => e.action === 'verification.expired',
        );
        expect(events).toHaveLength(1);
        const runs = await db.query(
          "SELECT count(*)::int AS n FROM scheduled_job_runs WHERE job_name = 'onboarding.expire-verifications'",
        );
        expect(runs.rows[0].n).toBe(1);
      } finally {
        await replica.close();
      }
    });
  });

  describe('cleanup (daily job)', () => {
    const age = (uuid: string, status: string, days: number) =>
      db.query(
        `UPDATE onboarding_verifications SET status = $2,
                modified = now() - make_interval(days => $3) WHERE id = $1`,
        [uuid, status, days],
      );
    const exists = async (uuid: string) =>
      (await db.query('SELECT 1 FROM onboarding_verifications WHERE id = $1', [uuid])).rowCount ===
      1;

    it('deletes failed and expired verifications untouched for 30 days, and nothing else', async () => {
      const cases: [string, number, boolean][] = [
        ['failed', 31, false],
        ['expired', 31, false],
        ['failed', 29, true],
        ['expired', 29, true],
        ['escalated', 31, true],
        ['verified', 31, true],
      ];
      const uuids: string[] = [];
      for (const [status, days] of cases) {
        const verification = await startVerification(t, owner);
        await age(verification.uuid, status, days);
        uuids.push(verification.uuid);
      }
      const awaitingReview = await failedVerification(t, owner, staff);
      await justify(t, owner, awaitingReview.uuid);
      await age(awaitingReview.uuid, 'failed', 40);

      await t.app.get(VerificationsService).deleteStale();
      for (const [index, [, , kept]] of cases.entries()) {
        expect(await exists(uuids[index])).toBe(kept);
      }
      expect(await exists(awaitingReview.uuid)).toBe(true);
      const [event] = (await auditOf(t, staff, uuids[0])).filter(
        (e) => e.action === 'verification.deleted',
      );
      expect(event).toMatchObject({ actor_uuid: null, after: null });
    });
  });
});
