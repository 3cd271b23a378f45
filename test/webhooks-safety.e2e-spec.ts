import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createUser, type TestUser, createPerson } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { sleep, WebhookReceiver } from './support/webhook-receiver.js';

/** Private URLs refused (the production default), and a delivery's attempts running out. */
describe('webhooks without private URLs', () => {
  const saved = { ...process.env };
  let t: TestApp;
  let partner: TestUser;
  let receiver: WebhookReceiver;
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'false';
    process.env.WEBHOOK_MAX_ATTEMPTS = '3';
    t = await createTestApp();
    partner = await createUser(t.app);
    receiver = new WebhookReceiver();
    url = await receiver.start();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    process.env = saved;
    await db.end();
    await receiver.stop();
    await t.close();
  });

  it.each([
    ['loopback', () => url, 'resolves to a non-public address (127.0.0.1)'],
    ['localhost', () => url.replace('127.0.0.1', 'localhost'), 'resolves to a non-public address'],
    [
      'metadata',
      () => 'http://169.254.169.254/latest/meta-data',
      'resolves to a non-public address (169.254.169.254)',
    ],
    ['private', () => 'https://10.0.0.7/hooks', 'resolves to a non-public address (10.0.0.7)'],
    ['IPv6 loopback', () => 'http://[::1]:9/hooks', 'resolves to a non-public address (::1)'],
    ['mapped IPv4', () => 'http://[::ffff:127.0.0.1]/hooks', 'resolves to a non-public address'],
  ])('refuses a %s URL with 400 unsafe_webhook_url', async (_name, target, message) => {
    const res = await t.http
      .post('/v1/webhooks')
      .set('Authorization', partner.auth)
      .send({ event_type: 'PERSON_CHANGED', url: target() })
      .expect(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        status: 400,
        code: 'unsafe_webhook_url',
        source: { field: 'url', message: expect.stringContaining(message) },
      }),
    ]);
    expect(receiver.received).toHaveLength(0);
  });

  it('checks the address again at each delivery and gives up after WEBHOOK_MAX_ATTEMPTS', async () => {
    // A subscription whose host was public when it subscribed and now resolves to loopback.
    const id = randomBytes(16).toString('hex');
    await db.query(
      `INSERT INTO webhook_subscriptions (id, partner_id, event_type, url, secret)
       VALUES ($1, $2, 'PERSON_CHANGED', $3, $4)`,
      [id, partner.user.id, url.replace('127.0.0.1', 'localhost'), 'a'.repeat(64)],
    );
    const personId = await createPerson(t.http, partner.auth);
    await t.http
      .patch(`/v1/persons/${personId}/update_for_development`)
      .set('Authorization', partner.auth)
      .send({ birth_city: 'Köln' })
      .expect(200);

    const deadline = Date.now() + 15_000;
    let deliveries: { status: string; attempts: { error: string | null }[] }[];
    do {
      await sleep(100);
      deliveries = (
        await t.http.get(`/v1/webhooks/${id}/deliveries`).set('Authorization', partner.auth)
      ).body;
    } while (
      (deliveries.length === 0 || deliveries[0].status === 'PENDING') &&
      Date.now() < deadline
    );
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('FAILED');
    expect(deliveries[0].attempts).toHaveLength(3);
    for (const attempt of deliveries[0].attempts) {
      expect(attempt.error).toMatch(/^unsafe_webhook_url: url resolves to a non-public address/);
    }
    expect(receiver.received).toHaveLength(0);
  });
});
