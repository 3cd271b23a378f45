import pg from 'pg';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  type ApiObject,
  auditOf,
  failedVerification,
  HEX32,
  ISO_DATE,
  justify,
  startVerification,
  uuidsOf,
  useWaldurContract,
} from './support/onboarding.js';

describe('onboarding justifications', () => {
  let t: TestApp;
  let db: pg.Client;
  let user: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let staff2: TestUser;
  let support: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    user = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    staff2 = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  useWaldurContract('onboarding justifications', () => t);
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const hex = (who: TestUser) => who.user.id.replace(/-/g, '');
  const userUrl = (who: TestUser) => `${t.baseUrl}/api/users/${hex(who)}/`;
  const verificationUrl = (uuid: string) => `${t.baseUrl}/api/onboarding-verifications/${uuid}/`;
  const createJustification = (who: TestUser, body: Record<string, unknown>) =>
    t.http
      .post('/api/onboarding-justifications/create_justification/')
      .set('Authorization', who.auth)
      .send(body);
  const decide = (who: TestUser, uuid: string, action: 'approve' | 'reject', body: object = {}) =>
    t.http
      .post(`/api/onboarding-justifications/${uuid}/${action}/`)
      .set('Authorization', who.auth)
      .send(body);
  const countFor = async (verificationUuid: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM onboarding_justifications WHERE verification_id = $1',
        [verificationUuid],
      )
    ).rows[0].n;
  const statusOf = async (verificationUuid: string) =>
    (
      await db.query<{ status: string }>(
        'SELECT status FROM onboarding_verifications WHERE id = $1',
        [verificationUuid],
      )
    ).rows[0].status;

  describe('create_justification (upstream CreateJustificationTest)', () => {
    let escalated: ApiObject;

    beforeEach(async () => {
      escalated = await startVerification(t, user);
      expect(escalated.status).toBe('escalated');
    });

    it('justifies an escalated verification', async () => {
      const res = await createJustification(user, {
        verification_uuid: escalated.uuid,
        user_justification: 'Pls validate',
      }).expect(200);
      expect(res.body).toEqual({
        uuid: expect.stringMatching(HEX32),
        verification: verificationUrl(escalated.uuid),
        verification_uuid: escalated.uuid,
        country: 'EE',
        user: userUrl(user),
        user_full_name: '',
        legal_person_identifier: '12345678',
        legal_name: 'Test Company OÜ',
        error_message: '',
        error_traceback: '',
        user_justification: 'Pls validate',
        validated_by: null,
        validated_at: null,
        validation_decision: 'pending',
        staff_notes: '',
        supporting_documentation: [],
        onboarding_metadata: {},
        user_submitted_customer_data: {},
        created: expect.stringMatching(ISO_DATE),
        modified: expect.stringMatching(ISO_DATE),
      });
      expect(await countFor(escalated.uuid)).toBe(1);
      const [event] = await auditOf(t, staff, res.body.uuid);
      expect(event).toMatchObject({
        action: 'justification.submitted',
        actor_uuid: hex(user),
        object_type: 'onboarding_justification',
        after: { verification_uuid: escalated.uuid, validation_decision: 'pending' },
      });
    });

    it('justifies a failed verification and shows its error', async () => {
      const failed = await failedVerification(t, user, staff);
      const res = await createJustification(user, {
        verification_uuid: failed.uuid,
        user_justification: 'Pls validate',
      }).expect(200);
      expect(res.body).toMatchObject({
        error_message: 'NOT_AUTHORIZED',
        error_traceback: 'User is not listed as authorized representative',
        validation_decision: 'pending',
      });
    });

    it('refuses a verified verification with 400 on verification_uuid', async () => {
      const started = await startVerification(t, user, { validation_method: 'ariregister' });
      await t.http
        .post(`/api/onboarding-verifications/${started.uuid}/record_result/`)
        .set('Authorization', staff.auth)
        .send({ status: 'verified' })
        .expect(200);
      await createJustification(user, { verification_uuid: started.uuid }).expect(400, {
        verification_uuid: ['Can only justify failed or escalated verifications'],
      });
      await createJustification(user, {
        verification_uuid: (await startVerification(t, user, { validation_method: 'breg' })).uuid,
      }).expect(400, { verification_uuid: ['Can only justify failed or escalated verifications'] });
      expect(await countFor(started.uuid)).toBe(0);
    });

    it('refuses someone else’s verification with 403 {"error"}', async () => {
      await createJustification(other, {
        verification_uuid: escalated.uuid,
        user_justification: 'Pls validate',
      }).expect(403, { error: 'You can only justify your own verifications' });
      await createJustification(staff, { verification_uuid: escalated.uuid }).expect(403, {
        error: 'You can only justify your own verifications',
      });
      expect(await countFor(escalated.uuid)).toBe(0);
    });

    it('checks the status before the owner', async () => {
      const pending = await startVerification(t, user, { validation_method: 'ariregister' });
      await createJustification(other, { verification_uuid: pending.uuid }).expect(400, {
        verification_uuid: ['Can only justify failed or escalated verifications'],
      });
    });

    it('answers 400 for an unknown, malformed or missing verification_uuid', async () => {
      await createJustification(user, {
        verification_uuid: 'f'.repeat(32),
        user_justification: 'Pls validate',
      }).expect(400, { verification_uuid: ['Verification not found'] });
      await createJustification(user, { verification_uuid: 'nope' }).expect(400, {
        verification_uuid: ['Must be a valid UUID.'],
      });
      await createJustification(user, { user_justification: 'x' }).expect(400, {
        verification_uuid: ['This field is required.'],
      });
      await createJustification(user, {
        verification_uuid: escalated.uuid,
        user_justification: null,
      }).expect(400, { user_justification: ['This field may not be null.'] });
    });

    it('allows an omitted justification text (null) and a blank one', async () => {
      const res = await createJustification(user, { verification_uuid: escalated.uuid }).expect(
        200,
      );
      expect(res.body.user_justification).toBeNull();
      const second = await startVerification(t, user);
      const blank = await createJustification(user, {
        verification_uuid: second.uuid,
        user_justification: '',
      }).expect(200);
      expect(blank.body.user_justification).toBe('');
    });

    it('keeps at most one pending justification per verification', async () => {
      await justify(t, user, escalated.uuid);
      await createJustification(user, { verification_uuid: escalated.uuid }).expect(400, {
        verification_uuid: ['A justification of this verification is already pending review.'],
      });
      expect(await countFor(escalated.uuid)).toBe(1);
    });

    it('creates exactly one of many concurrent submissions', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          createJustification(user, { verification_uuid: escalated.uuid }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(400)]);
      expect(await countFor(escalated.uuid)).toBe(1);
    });

    it('enforces one pending justification in the database too', async () => {
      await justify(t, user, escalated.uuid);
      await expect(
        db.query(
          `INSERT INTO onboarding_justifications (verification_id, user_id) VALUES ($1, $2)`,
          [escalated.uuid, user.user.id],
        ),
      ).rejects.toThrow(/UQ_onboarding_justifications_one_pending/);
    });

    it('allows a new justification once the previous one was rejected', async () => {
      const first = await justify(t, user, escalated.uuid);
      await decide(staff, first.uuid, 'reject').expect(200);
      await createJustification(user, { verification_uuid: escalated.uuid }).expect(200);
      expect(await countFor(escalated.uuid)).toBe(2);
    });
  });

  describe('POST / (verification as URL or uuid)', () => {
    const create = (who: TestUser, body: Record<string, unknown>) =>
      t.http.post('/api/onboarding-justifications/').set('Authorization', who.auth).send(body);

    it('accepts the verification URL and answers 201', async () => {
      const verification = await startVerification(t, user);
      const res = await create(user, {
        verification: verificationUrl(verification.uuid),
        user_justification: 'By URL',
      }).expect(201);
      expect(res.body).toMatchObject({
        verification: verificationUrl(verification.uuid),
        verification_uuid: verification.uuid,
        user: userUrl(user),
        user_justification: 'By URL',
        validation_decision: 'pending',
      });
    });

    it('accepts a bare uuid', async () => {
      const verification = await startVerification(t, user);
      await create(user, { verification: verification.uuid }).expect(201);
    });

    it('reports errors on the verification field', async () => {
      const verification = await startVerification(t, user);
      await create(user, { verification: 'http://elsewhere/api/users/abc/' }).expect(400, {
        verification: ['Invalid hyperlink - No URL match.'],
      });
      await create(user, { verification: verificationUrl('a'.repeat(32)) }).expect(400, {
        verification: ['Verification not found'],
      });
      await create(other, { verification: verificationUrl(verification.uuid) }).expect(403, {
        error: 'You can only justify your own verifications',
      });
      await create(user, {}).expect(400, { verification: ['This field is required.'] });
    });
  });

  describe('list and retrieve', () => {
    let lister: TestUser;
    const mine: ApiObject[] = [];

    beforeAll(async () => {
      lister = await createUser(t.app);
      for (let i = 0; i < 3; i++) {
        mine.push(await justify(t, lister, (await startVerification(t, lister)).uuid));
      }
      await decide(staff, mine[0].uuid, 'approve').expect(200);
    });

    const list = (who: TestUser, query: Record<string, unknown> = {}) =>
      t.http.get('/api/onboarding-justifications/').query(query).set('Authorization', who.auth);

    it('lists the caller’s own, newest first, with paging headers', async () => {
      const res = await list(lister).expect(200);
      expect(uuidsOf(res.body)).toEqual([mine[2].uuid, mine[1].uuid, mine[0].uuid]);
      expect(res.headers['x-result-count']).toBe('3');
      expect((await list(other).expect(200)).body).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ uuid: mine[0].uuid })]),
      );
    });

    it('filters by verification_uuid, user_uuid and validation_decision', async () => {
      expect(
        uuidsOf((await list(staff, { verification_uuid: mine[1].verification_uuid })).body),
      ).toEqual([mine[1].uuid]);
      expect(uuidsOf((await list(support, { user_uuid: hex(lister) })).body)).toEqual([
        mine[2].uuid,
        mine[1].uuid,
        mine[0].uuid,
      ]);
      expect(
        uuidsOf(
          (await list(staff, { user_uuid: hex(lister), validation_decision: 'approved' })).body,
        ),
      ).toEqual([mine[0].uuid]);
      expect(uuidsOf((await list(lister, { validation_decision: 'pending' })).body)).toEqual([
        mine[2].uuid,
        mine[1].uuid,
      ]);
    });

    it('rejects invalid filter values with 400', async () => {
      await list(staff, { user_uuid: 'x' }).expect(400, { user_uuid: ['Enter a valid UUID.'] });
      await list(staff, { verification_uuid: '123' }).expect(400, {
        verification_uuid: ['Enter a valid UUID.'],
      });
      await list(staff, { validation_decision: 'maybe' }).expect(400, {
        validation_decision: ['Select a valid choice. maybe is not one of the available choices.'],
      });
    });

    it('retrieves for the owner, staff and support; 404 for anyone else', async () => {
      const path = `/api/onboarding-justifications/${mine[1].uuid}/`;
      for (const reader of [lister, staff, support]) {
        const res = await t.http.get(path).set('Authorization', reader.auth).expect(200);
        expect(res.body).toEqual(mine[1]);
      }
      await t.http.get(path).set('Authorization', other.auth).expect(404, { detail: 'Not found.' });
    });

    it('nests the justifications in their verification', async () => {
      const res = await t.http
        .get(`/api/onboarding-verifications/${String(mine[1].verification_uuid)}/`)
        .set('Authorization', lister.auth)
        .expect(200);
      expect(res.body.justifications).toEqual([mine[1]]);
    });

    it('links to resources that resolve for the owner', async () => {
      const res = await t.http
        .get(`/api/onboarding-justifications/${mine[1].uuid}/`)
        .set('Authorization', lister.auth)
        .expect(200);
      for (const url of [res.body.verification, res.body.user]) {
        const path = new URL(url).pathname;
        await t.http.get(path).set('Authorization', lister.auth).expect(200);
      }
    });
  });

  describe('update', () => {
    it('lets the owner PATCH and PUT while pending', async () => {
      const verification = await startVerification(t, user);
      const justification = await justify(t, user, verification.uuid);
      const path = `/api/onboarding-justifications/${justification.uuid}/`;
      const patched = await t.http
        .patch(path)
        .set('Authorization', user.auth)
        .send({ user_justification: 'Now with details', validation_decision: 'approved' })
        .expect(200);
      expect(patched.body).toMatchObject({
        user_justification: 'Now with details',
        validation_decision: 'pending',
      });
      const put = await t.http
        .put(path)
        .set('Authorization', user.auth)
        .send({ verification: verificationUrl(verification.uuid), user_justification: 'Put' })
        .expect(200);
      expect(put.body).toMatchObject({
        user_justification: 'Put',
        verification_uuid: verification.uuid,
      });
      await t.http
        .put(path)
        .set('Authorization', user.auth)
        .send({ user_justification: 'no verification' })
        .expect(400, { verification: ['This field is required.'] });
      const events = await auditOf(t, staff, justification.uuid);
      expect(events.map((e) => e.action)).toEqual([
        'justification.submitted',
        'justification.updated',
        'justification.updated',
      ]);
    });

    it('moves a pending justification to another of the owner’s verifications, by the rules', async () => {
      const first = await startVerification(t, user);
      const second = await startVerification(t, user);
      const justification = await justify(t, user, first.uuid);
      const path = `/api/onboarding-justifications/${justification.uuid}/`;
      const pending = await startVerification(t, user, { validation_method: 'ariregister' });
      await t.http
        .patch(path)
        .set('Authorization', user.auth)
        .send({ verification: pending.uuid })
        .expect(400, { verification: ['Can only justify failed or escalated verifications'] });
      const foreign = await startVerification(t, other);
      await t.http
        .patch(path)
        .set('Authorization', user.auth)
        .send({ verification: foreign.uuid })
        .expect(403, { error: 'You can only justify your own verifications' });
      const moved = await t.http
        .patch(path)
        .set('Authorization', user.auth)
        .send({ verification: verificationUrl(second.uuid) })
        .expect(200);
      expect(moved.body.verification_uuid).toBe(second.uuid);
    });

    it('is the owner’s alone: 404 for others, 403 for staff and support', async () => {
      const justification = await justify(t, user, (await startVerification(t, user)).uuid);
      const path = `/api/onboarding-justifications/${justification.uuid}/`;
      await t.http
        .patch(path)
        .set('Authorization', other.auth)
        .send({ user_justification: 'x' })
        .expect(404);
      await t.http
        .put(path)
        .set('Authorization', other.auth)
        .send({ verification: justification.verification, user_justification: 'x' })
        .expect(404);
      for (const who of [staff, support]) {
        await t.http
          .patch(path)
          .set('Authorization', who.auth)
          .send({ user_justification: 'x' })
          .expect(403);
      }
    });

    it('refuses changes after the decision', async () => {
      const justification = await justify(t, user, (await startVerification(t, user)).uuid);
      await decide(staff, justification.uuid, 'approve').expect(200);
      await t.http
        .patch(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', user.auth)
        .send({ user_justification: 'too late' })
        .expect(409, { detail: 'Only a pending justification can be changed.' });
    });
  });

  describe('delete', () => {
    it('lets the owner delete while pending, with an audit event', async () => {
      const justification = await justify(t, user, (await startVerification(t, user)).uuid);
      await t.http
        .delete(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', other.auth)
        .expect(404);
      await t.http
        .delete(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', support.auth)
        .expect(403);
      await t.http
        .delete(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', user.auth)
        .expect(204);
      await t.http
        .get(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', user.auth)
        .expect(404);
      expect((await auditOf(t, staff, justification.uuid)).at(-1)).toMatchObject({
        action: 'justification.deleted',
        actor_uuid: hex(user),
      });
    });

    it('refuses the owner after the decision, but not staff', async () => {
      const justification = await justify(t, user, (await startVerification(t, user)).uuid);
      await decide(staff, justification.uuid, 'reject').expect(200);
      await t.http
        .delete(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', user.auth)
        .expect(409, { detail: 'Only a pending justification can be deleted.' });
      await t.http
        .delete(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', staff.auth)
        .expect(204);
    });
  });

  describe('approve and reject (upstream JustificationDecisionTest)', () => {
    let verification: ApiObject;
    let justification: ApiObject;

    beforeEach(async () => {
      verification = await startVerification(t, user, { legal_person_identifier: '12345678' });
      justification = await justify(
        t,
        user,
        verification.uuid,
        'I am authorized to represent this company.',
      );
    });

    it('staff approve: approved, validated_by, validated_at, notes; verification verified', async () => {
      const res = await decide(staff, justification.uuid, 'approve', {
        staff_notes: 'Good justification.',
      }).expect(200);
      expect(res.body).toEqual({
        ...justification,
        validated_by: userUrl(staff),
        validated_at: expect.stringMatching(ISO_DATE),
        validation_decision: 'approved',
        staff_notes: 'Good justification.',
        modified: expect.stringMatching(ISO_DATE),
      });
      expect(await statusOf(verification.uuid)).toBe('verified');
      const events = (await auditOf(t, staff, justification.uuid)).filter(
        (e) => e.action === 'justification.approved',
      );
      expect(events).toEqual([
        expect.objectContaining({
          actor_uuid: hex(staff),
          before: { validation_decision: 'pending', verification_status: 'escalated' },
          after: {
            validation_decision: 'approved',
            verification_status: 'verified',
            staff_notes: 'Good justification.',
          },
        }),
      ]);
    });

    it('staff reject: rejected, verification failed', async () => {
      const res = await decide(staff, justification.uuid, 'reject', {
        staff_notes: 'Bad justification.',
      }).expect(200);
      expect(res.body).toMatchObject({
        validation_decision: 'rejected',
        validated_by: userUrl(staff),
        validated_at: expect.stringMatching(ISO_DATE),
        staff_notes: 'Bad justification.',
      });
      expect(await statusOf(verification.uuid)).toBe('failed');
      expect((await auditOf(t, staff, justification.uuid)).at(-1)?.action).toBe(
        'justification.rejected',
      );
    });

    it('a regular user (even the owner) or support cannot decide', async () => {
      for (const who of [user, other, support]) {
        for (const action of ['approve', 'reject'] as const) {
          await decide(who, justification.uuid, action).expect(403, {
            detail: 'You do not have permission to perform this action.',
          });
        }
      }
      const res = await t.http
        .get(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', user.auth)
        .expect(200);
      expect(res.body.validation_decision).toBe('pending');
      expect(await statusOf(verification.uuid)).toBe('escalated');
    });

    it('approves with an empty body', async () => {
      const res = await decide(staff, justification.uuid, 'approve', {}).expect(200);
      expect(res.body.staff_notes).toBe('');
      expect(await statusOf(verification.uuid)).toBe('verified');
    });

    it('rejects null notes', async () => {
      await decide(staff, justification.uuid, 'approve', { staff_notes: null }).expect(400, {
        staff_notes: ['This field may not be null.'],
      });
    });

    it('answers 409 to a second decision and changes nothing', async () => {
      await decide(staff, justification.uuid, 'approve').expect(200);
      await decide(staff2, justification.uuid, 'reject').expect(409, {
        detail: 'This justification has already been approved.',
      });
      await decide(staff, justification.uuid, 'approve').expect(409, {
        detail: 'This justification has already been approved.',
      });
      expect(await statusOf(verification.uuid)).toBe('verified');
    });

    it('answers 404 for an unknown justification', async () => {
      await decide(staff, 'b'.repeat(32), 'approve').expect(404, { detail: 'Not found.' });
      await decide(staff, 'garbage', 'reject').expect(404, { detail: 'Not found.' });
    });

    it('four eyes: staff cannot decide a justification they submitted', async () => {
      const own = await justify(t, staff, (await startVerification(t, staff)).uuid);
      for (const action of ['approve', 'reject'] as const) {
        await decide(staff, own.uuid, action).expect(403, {
          detail: 'You cannot review a justification you submitted yourself.',
        });
      }
      await decide(staff2, own.uuid, 'approve').expect(200);
    });

    it('of 20 concurrent decisions exactly one wins', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          decide(i % 2 ? staff : staff2, justification.uuid, i % 4 < 2 ? 'approve' : 'reject', {
            staff_notes: `decision ${i}`,
          }),
        ),
      );
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(19);
      const winner = winners[0].body as ApiObject;
      expect(await statusOf(verification.uuid)).toBe(
        winner.validation_decision === 'approved' ? 'verified' : 'failed',
      );
      const stored = await t.http
        .get(`/api/onboarding-justifications/${justification.uuid}/`)
        .set('Authorization', staff.auth)
        .expect(200);
      expect(stored.body).toEqual(winner);
      const decisions = (await auditOf(t, staff, justification.uuid)).filter((e) =>
        ['justification.approved', 'justification.rejected'].includes(e.action),
      );
      expect(decisions).toHaveLength(1);
      expect(decisions[0].after?.staff_notes).toBe(winner.staff_notes);
    });
  });

  it('decisions racing with deletions never fail with a server error', async () => {
    for (let round = 0; round < 10; round++) {
      const verification = await startVerification(t, user);
      const justification = await justify(t, user, verification.uuid);
      const [approve, reject, removed] = await Promise.all([
        decide(staff, justification.uuid, 'approve'),
        decide(staff2, justification.uuid, 'reject'),
        t.http
          .delete(`/api/onboarding-verifications/${verification.uuid}/`)
          .set('Authorization', staff.auth),
      ]);
      expect(removed.status).toBe(204);
      expect([200, 404, 409]).toContain(approve.status);
      expect([200, 404, 409]).toContain(reject.status);
      expect(
        [approve.status, reject.status].filter((status) => status === 200).length,
      ).toBeLessThan(2);
    }
  });

  describe('Idempotency-Key', () => {
    it('replays create_justification instead of creating twice', async () => {
      const verification = await startVerification(t, user);
      const send = () =>
        createJustification(user, {
          verification_uuid: verification.uuid,
          user_justification: 'Once',
        }).set('Idempotency-Key', `create-${verification.uuid}`);
      const first = await send().expect(200);
      const again = await send().expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await countFor(verification.uuid)).toBe(1);
    });

    it('replays an approval rather than answering 409, and refuses the key for a reject', async () => {
      const justification = await justify(t, user, (await startVerification(t, user)).uuid);
      const key = `approve-${justification.uuid}`;
      const first = await decide(staff, justification.uuid, 'approve', { staff_notes: 'ok' })
        .set('Idempotency-Key', key)
        .expect(200);
      const again = await decide(staff, justification.uuid, 'approve', { staff_notes: 'ok' })
        .set('Idempotency-Key', key)
        .expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      await decide(staff, justification.uuid, 'reject', { staff_notes: 'ok' })
        .set('Idempotency-Key', key)
        .expect(422);
      const decisions = (await auditOf(t, staff, justification.uuid)).filter(
        (e) => e.action === 'justification.approved',
      );
      expect(decisions).toHaveLength(1);
    });
  });
});
