import { AuditService } from '../src/audit/audit.service.js';
import { Transactions } from '../src/database/transactions.js';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { ProbeModule } from './support/probe.module.js';

const hex = (id: string) => id.replace(/-/g, '');

describe('GET /api/audit-events/', () => {
  let t: TestApp;
  let staff: TestUser;
  let support: TestUser;
  let user: TestUser;
  const objectId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
    [staff, support, user] = await Promise.all([
      createStaff(t.app),
      createSupport(t.app),
      createUser(t.app),
    ]);
    const audit = t.app.get(AuditService);
    await audit.record({
      actorId: staff.user.id,
      action: 'justification.approved',
      objectType: 'onboarding_justification',
      objectId,
      before: { status: 'pending' },
      after: { status: 'approved' },
    });
    await audit.record({
      actorId: user.user.id,
      action: 'justification.submitted',
      objectType: 'onboarding_justification',
      objectId,
    });
    await audit.record({
      actorId: null,
      action: 'verification.expired',
      objectType: 'onboarding_verification',
      objectId: 'ffffffffffffffffffffffffffffffff',
    });
  });
  afterAll(() => t.close());

  const list = (query: string, caller = staff) =>
    t.http.get(`/api/audit-events/${query}`).set('Authorization', caller.auth);

  it('lists events newest first with every field', async () => {
    const res = await list('').expect(200);
    expect(res.headers['x-result-count']).toBe('3');
    expect(res.body.map((e: { action: string }) => e.action)).toEqual([
      'verification.expired',
      'justification.submitted',
      'justification.approved',
    ]);
    expect(res.body[2]).toEqual({
      uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
      created: expect.any(String),
      actor_uuid: hex(staff.user.id),
      action: 'justification.approved',
      object_type: 'onboarding_justification',
      object_uuid: objectId,
      before: { status: 'pending' },
      after: { status: 'approved' },
      request_id: null,
    });
    expect(res.body[0].actor_uuid).toBeNull();
  });

  it('filters by object, actor and action', async () => {
    expect((await list(`?object_uuid=${objectId}`).expect(200)).body).toHaveLength(2);
    const hyphenated = `${objectId.slice(0, 8)}-${objectId.slice(8, 12)}-${objectId.slice(12, 16)}-${objectId.slice(16, 20)}-${objectId.slice(20)}`;
    expect((await list(`?object_uuid=${hyphenated}`).expect(200)).body).toHaveLength(2);
    const byActor = await list(`?actor_uuid=${hex(user.user.id)}`).expect(200);
    expect(byActor.body.map((e: { action: string }) => e.action)).toEqual([
      'justification.submitted',
    ]);
    const byAction = await list('?action=justification.approved').expect(200);
    expect(byAction.body).toHaveLength(1);
    expect((await list('?action=nothing.like.this').expect(200)).body).toEqual([]);
  });

  it('rejects a malformed actor_uuid with 400', async () => {
    const res = await list('?actor_uuid=42').expect(400);
    expect(res.body).toEqual({ actor_uuid: ['Enter a valid UUID.'] });
  });

  it('is for staff and support only', async () => {
    await list('', support).expect(200);
    await list('', user).expect(403);
  });

  it('records the request id of the request that wrote the event', async () => {
    await t.http
      .post('/api/probe/audit')
      .set('Authorization', user.auth)
      .set('X-Request-Id', 'req-audit-000001')
      .send({ name: 'with-request', count: 1, inner: { kind: 'CUSTOMER' } })
      .expect(201);
    const recorded = await list('?action=probe.recorded').expect(200);
    expect(recorded.body[0]).toMatchObject({
      request_id: 'req-audit-000001',
      object_uuid: 'with-request',
      actor_uuid: hex(user.user.id),
    });

    const audit = t.app.get(AuditService);
    const transactions = t.app.get(Transactions);
    // Outside any request there is no request id; inside, the RequestContextInterceptor provides it.
    await transactions.run(() =>
      audit.record({
        actorId: null,
        action: 'test.no_request',
        objectType: 'probe',
        objectId: 'x',
      }),
    );
    const res = await list('?action=test.no_request').expect(200);
    expect(res.body[0].request_id).toBeNull();
  });

  it('rolls an event back with the transaction that wrote it', async () => {
    const audit = t.app.get(AuditService);
    const transactions = t.app.get(Transactions);
    await expect(
      transactions.run(async () => {
        await audit.record({
          actorId: null,
          action: 'test.rolled_back',
          objectType: 'probe',
          objectId: 'y',
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await list('?action=test.rolled_back').expect(200)).body).toEqual([]);
  });
});
