import pg from 'pg';
import { Transactions } from '../src/database/transactions.js';
import { PostboxService } from '../src/postbox/postbox.service.js';
import {
  createStaff,
  createUser,
  type TestUser,
  createPerson as personOf,
  generateDocument as documentOf,
  createItem as itemOf,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { failedVerification, justify } from './support/onboarding.js';
import { notFound, validationError } from './support/solaris-errors.js';
import { signatureValid, sleep, WebhookReceiver } from './support/webhook-receiver.js';

const SUBSCRIPTION_ID = /^[0-9a-f]{32}$/;
const SECRET = /^[0-9a-f]{64}$/;

interface Subscription {
  id: string;
  event_type: string;
  url: string;
  status: string;
  created_at: string;
  secret?: string;
}

interface Delivery {
  id: string;
  event_type: string;
  entity_id: string;
  status: string;
  attempts: { attempt: number; status_code: number | null; error: string | null }[];
}

describe('webhooks (/v1/webhooks)', () => {
  let t: TestApp;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let receiver: WebhookReceiver;
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    partner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });
  beforeEach(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterEach(() => receiver.stop());

  const subscribe = async (
    eventType: string,
    as: TestUser = partner,
    target = url,
  ): Promise<Subscription & { secret: string }> => {
    const res = await t.http
      .post('/v1/webhooks')
      .set('Authorization', as.auth)
      .send({ event_type: eventType, url: target })
      .expect(201);
    return res.body as Subscription & { secret: string };
  };

  const createPerson = (as: TestUser = partner) => personOf(t.http, as.auth);

  const generateDocument = (as: TestUser = partner) => documentOf(t.http, as.auth);

  const createItem = async (personId: string, as: TestUser = partner) =>
    itemOf(t.http, as.auth, `/v1/persons/${personId}`, await generateDocument(as));

  const deliveriesOf = async (subscriptionId: string, as: TestUser = partner) => {
    const res = await t.http
      .get(`/v1/webhooks/${subscriptionId}/deliveries?page[size]=100`)
      .set('Authorization', as.auth)
      .expect(200);
    return res.body as Delivery[];
  };

  /** Waits until every delivery of the subscription left PENDING. */
  const settled = async (subscriptionId: string, count: number): Promise<Delivery[]> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const deliveries = await deliveriesOf(subscriptionId);
      if (deliveries.length >= count && deliveries.every((d) => d.status !== 'PENDING')) {
        return deliveries;
      }
      if (Date.now() > deadline) throw new Error(`not settled: ${JSON.stringify(deliveries)}`);
      await sleep(50);
    }
  };

  describe('subscriptions', () => {
    it('verifies the receiver, shows the secret once and lists, gets and deletes', async () => {
      const created = await subscribe('POSTBOX_ITEM_CREATED');
      expect(created).toEqual({
        id: expect.stringMatching(SUBSCRIPTION_ID),
        event_type: 'POSTBOX_ITEM_CREATED',
        url,
        status: 'ACTIVE',
        created_at: expect.any(String),
        secret: expect.stringMatching(SECRET),
      });
      // The verification request came first: empty body, signed with the new secret.
      expect(receiver.received).toHaveLength(1);
      const [verification] = receiver.received;
      expect(verification.headers['solaris-webhook-event-type']).toBe('WEBHOOK-SUBSCRIPTION');
      expect(verification.headers['solaris-webhook-subscription-id']).toBe(created.id);
      expect(verification.body).toBe('');
      expect(signatureValid(verification, created.secret)).toBe(true);

      const { secret, ...shown } = created;
      expect(secret).toBeDefined();
      const got = await t.http
        .get(`/v1/webhooks/${created.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(got.body).toEqual(shown);

      const second = await subscribe('PERSON_CHANGED');
      const list = await t.http
        .get('/v1/webhooks?page[number]=1&page[size]=1')
        .set('Authorization', partner.auth)
        .expect(200);
      expect(list.body).toEqual([strip(second)]);
      expect(Number(list.headers.total)).toBeGreaterThanOrEqual(2);
      expect(list.headers['per-page']).toBe('1');

      await t.http
        .delete(`/v1/webhooks/${second.id}`)
        .set('Authorization', partner.auth)
        .expect(204);
      const gone = await t.http
        .get(`/v1/webhooks/${second.id}`)
        .set('Authorization', partner.auth)
        .expect(404);
      expect(gone.body).toEqual(notFound(gone, 'Webhook', second.id));
    });

    it("answers 404 for another partner's subscription on every route", async () => {
      const mine = await subscribe('PERSON_CHANGED');
      for (const path of [`/v1/webhooks/${mine.id}`, `/v1/webhooks/${mine.id}/deliveries`]) {
        const res = await t.http.get(path).set('Authorization', other.auth).expect(404);
        expect(res.body).toEqual(notFound(res, 'Webhook', mine.id));
      }
      await t.http.delete(`/v1/webhooks/${mine.id}`).set('Authorization', other.auth).expect(404);
      const theirs = await t.http.get('/v1/webhooks').set('Authorization', other.auth).expect(200);
      expect(theirs.body).toEqual([]);
      await t.http.get(`/v1/webhooks/${mine.id}`).set('Authorization', partner.auth).expect(200);
    });

    it('refuses a receiver that does not accept the verification request', async () => {
      receiver.verification = 500;
      const res = await t.http
        .post('/v1/webhooks')
        .set('Authorization', other.auth)
        .send({ event_type: 'PERSON_CHANGED', url })
        .expect(400);
      expect(res.body).toEqual(
        validationError(
          res,
          'url',
          'did not accept the verification request (it answered 500); it must answer 2xx',
        ),
      );
      const nothing = await t.http.get('/v1/webhooks').set('Authorization', other.auth);
      expect(nothing.body).toEqual([]);
    });

    it('refuses an unknown event type, a non-http URL and a URL with credentials', async () => {
      const badType = await t.http
        .post('/v1/webhooks')
        .set('Authorization', partner.auth)
        .send({ event_type: 'postbox_item_created', url })
        .expect(400);
      expect(badType.body.errors[0].source.field).toBe('event_type');
      for (const [target, message] of [
        ['ftp://127.0.0.1/hooks', 'must use http or https'],
        [url.replace('http://', 'http://user:pw@'), 'must not carry credentials'],
      ]) {
        const res = await t.http
          .post('/v1/webhooks')
          .set('Authorization', partner.auth)
          .send({ event_type: 'PERSON_CHANGED', url: target })
          .expect(400);
        expect(res.body).toEqual(unsafe(res, message));
      }
      expect(receiver.received).toHaveLength(0);
    });

    it('refuses a second identical active subscription', async () => {
      await subscribe('ONBOARDING_JUSTIFICATION_REVIEWED', other);
      const res = await t.http
        .post('/v1/webhooks')
        .set('Authorization', other.auth)
        .send({ event_type: 'ONBOARDING_JUSTIFICATION_REVIEWED', url })
        .expect(409);
      expect(res.body.errors[0].code).toBe('conflict');
    });
  });

  describe('delivery', () => {
    it('delivers exactly one signed POSTBOX_ITEM_CREATED whose body is the item', async () => {
      const subscription = await subscribe('POSTBOX_ITEM_CREATED');
      const person = await createPerson();
      const item = await createItem(person);
      const [webhook] = await receiver.waitFor(1);
      await sleep(500);
      expect(receiver.deliveries()).toHaveLength(1);

      expect(signatureValid(webhook, subscription.secret)).toBe(true);
      expect(signatureValid(webhook, 'another secret')).toBe(false);
      const shown = await t.http
        .get(`/v1/postbox/items/${item.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(JSON.parse(webhook.body)).toEqual(shown.body);
      expect(webhook.headers).toMatchObject({
        'content-type': 'application/json',
        'solaris-webhook-event-type': 'POSTBOX_ITEM_CREATED',
        'solaris-webhook-id': expect.stringMatching(/^[0-9a-f]{32}$/),
        'solaris-webhook-subscription-id': subscription.id,
        'solaris-entity-id': person,
        'solaris-webhook-attempt': '1',
      });

      const [delivery] = await settled(subscription.id, 1);
      expect(delivery).toMatchObject({
        id: webhook.headers['solaris-webhook-id'],
        event_type: 'POSTBOX_ITEM_CREATED',
        entity_id: person,
        status: 'DELIVERED',
        attempts: [{ attempt: 1, status_code: 200, error: null }],
      });
    });

    it('sends PERSON_CHANGED with an empty object and the person as entity', async () => {
      const subscription = await subscribe('PERSON_CHANGED');
      const person = await createPerson();
      await t.http
        .patch(`/v1/persons/${person}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({ aml_follow_up_date: '2030-01-01' })
        .expect(200);
      const [webhook] = await receiver.waitFor(1);
      expect(webhook.body).toBe('{}');
      expect(webhook.headers['solaris-entity-id']).toBe(person);
      expect(signatureValid(webhook, subscription.secret)).toBe(true);
    });

    it('sends ONBOARDING_JUSTIFICATION_REVIEWED to the applicant with the justification', async () => {
      const applicant = await createUser(t.app);
      const subscription = await subscribe('ONBOARDING_JUSTIFICATION_REVIEWED', applicant);
      const verification = await failedVerification(t, applicant, staff);
      const justification = await justify(t, applicant, verification.uuid);
      const decided = await t.http
        .post(`/api/onboarding-justifications/${justification.uuid}/approve/`)
        .set('Authorization', staff.auth)
        .send({ staff_notes: 'Confirmed.' })
        .expect(200);
      const [webhook] = await receiver.waitFor(1);
      expect(JSON.parse(webhook.body)).toEqual(decided.body);
      expect(webhook.headers['solaris-entity-id']).toBe(justification.uuid);
      expect(signatureValid(webhook, subscription.secret)).toBe(true);
    });

    it("sends QUESTIONS_REQUIRE_RESPONSE to the customer's partner with the new set", async () => {
      const subscription = await subscribe('QUESTIONS_REQUIRE_RESPONSE');
      const otherSubscription = await subscribe('QUESTIONS_REQUIRE_RESPONSE', other);
      const person = await createPerson();
      const created = await t.http
        .post('/v1/question_set')
        .set('Authorization', staff.auth)
        .send({
          entity_id: person,
          deadline: '2099-01-01T00:00:00Z',
          recipient: { recipient_type: 'CUSTOMER' },
          questions: [{ question: 'What is the source of your funds?', answer_type: 'TEXT_ONLY' }],
        })
        .expect(201);
      const set = created.body as { id: string };
      const [webhook] = await receiver.waitFor(1);
      expect(JSON.parse(webhook.body)).toEqual({ question_set_id: set.id, ...set });
      expect(webhook.headers['solaris-webhook-event-type']).toBe('QUESTIONS_REQUIRE_RESPONSE');
      expect(webhook.headers['solaris-entity-id']).toBe(person);
      expect(signatureValid(webhook, subscription.secret)).toBe(true);
      expect(await deliveriesOf(otherSubscription.id, other)).toEqual([]);
    });

    it('delivers to staff subscriptions too, and to no other partner', async () => {
      const otherReceiver = new WebhookReceiver();
      const otherUrl = await otherReceiver.start();
      try {
        await subscribe('PERSON_CHANGED', other, otherUrl);
        await subscribe('PERSON_CHANGED', staff);
        const person = await createPerson();
        await t.http
          .patch(`/v1/persons/${person}/update_for_development`)
          .set('Authorization', partner.auth)
          .send({ birth_city: 'Berlin' })
          .expect(200);
        const [webhook] = await receiver.waitFor(1);
        expect(webhook.headers['solaris-entity-id']).toBe(person);
        await sleep(500);
        expect(otherReceiver.deliveries()).toHaveLength(0);
      } finally {
        await otherReceiver.stop();
      }
    });

    it('retries a failing receiver with growing delays until it succeeds', async () => {
      receiver.answer = (_webhook, index) => (index < 3 ? 503 : 200);
      const subscription = await subscribe('POSTBOX_ITEM_CREATED');
      await createItem(await createPerson());
      const webhooks = await receiver.waitFor(4);
      const [delivery] = await settled(subscription.id, 1);
      await sleep(600);
      expect(receiver.deliveries()).toHaveLength(4);

      expect(webhooks.map((w) => w.headers['solaris-webhook-attempt'])).toEqual([
        '1',
        '2',
        '3',
        '4',
      ]);
      expect(new Set(webhooks.map((w) => w.headers['solaris-webhook-id']))).toEqual(
        new Set([delivery.id]),
      );
      expect(new Set(webhooks.map((w) => w.body)).size).toBe(1);
      const gaps = webhooks.slice(1).map((w, i) => w.receivedAt - webhooks[i].receivedAt);
      // Base 200 ms in tests: 200–300, 400–600, 800–1200 ms.
      expect(gaps[0]).toBeGreaterThanOrEqual(190);
      expect(gaps[1]).toBeGreaterThan(gaps[0]);
      expect(gaps[2]).toBeGreaterThan(gaps[1]);
      expect(delivery.status).toBe('DELIVERED');
      expect(delivery.attempts.map((a) => a.status_code)).toEqual([503, 503, 503, 200]);
    });

    it('records an attempt the receiver left unanswered as timed out, and retries it', async () => {
      receiver.answer = () => 'hang';
      const subscription = await subscribe('PERSON_CHANGED');
      const person = await createPerson();
      await t.http
        .patch(`/v1/persons/${person}/update_for_development`)
        .set('Authorization', partner.auth)
        .send({ birth_city: 'Hamburg' })
        .expect(200);
      await receiver.waitFor(1);
      // The 2 s test timeout passes; the attempt is recorded as timed out and retried.
      const deadline = Date.now() + 10_000;
      let delivery: Delivery;
      do {
        await sleep(100);
        [delivery] = await deliveriesOf(subscription.id);
      } while (delivery.attempts.length < 1 || delivery.attempts[0].error === null);
      expect(Date.now()).toBeLessThan(deadline);
      expect(delivery.attempts[0]).toMatchObject({
        attempt: 1,
        status_code: null,
        error: 'timeout: no answer in time',
      });
      await receiver.waitFor(2);
      await t.http
        .delete(`/v1/webhooks/${subscription.id}`)
        .set('Authorization', partner.auth)
        .expect(204);
    });

    it('cancels the subscription when the receiver answers 410', async () => {
      receiver.answer = () => 410;
      const subscription = await subscribe('POSTBOX_ITEM_CREATED');
      const person = await createPerson();
      await createItem(person);
      await receiver.waitFor(1);
      const [delivery] = await settled(subscription.id, 1);
      expect(delivery.status).toBe('CANCELLED');
      const res = await t.http
        .get(`/v1/webhooks/${subscription.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(res.body.status).toBe('CANCELLED');

      await createItem(person);
      await sleep(800);
      expect(receiver.deliveries()).toHaveLength(1);
      expect(await deliveriesOf(subscription.id)).toHaveLength(1);
    });

    it('does not retry a delivery the receiver rejected with 422', async () => {
      receiver.answer = () => 422;
      const subscription = await subscribe('POSTBOX_ITEM_CREATED');
      await createItem(await createPerson());
      await receiver.waitFor(1);
      const [delivery] = await settled(subscription.id, 1);
      await sleep(800);
      expect(receiver.deliveries()).toHaveLength(1);
      expect(delivery.status).toBe('REJECTED');
      expect(delivery.attempts).toEqual([expect.objectContaining({ status_code: 422 })]);
      const still = await t.http
        .get(`/v1/webhooks/${subscription.id}`)
        .set('Authorization', partner.auth);
      expect(still.body.status).toBe('ACTIVE');
    });

    it('delivers each event exactly once with two app instances on one database', async () => {
      const second = await createTestApp({ databaseUrl: t.databaseUrl });
      try {
        const subscription = await subscribe('PERSON_CHANGED');
        const person = await createPerson();
        const events = 30;
        await Promise.all(
          Array.from({ length: events }, (_, i) =>
            (i % 2 === 0 ? t : second).http
              .patch(`/v1/persons/${person}/update_for_development`)
              .set('Authorization', partner.auth)
              .send({ birth_city: `City ${i}` })
              .expect(200),
          ),
        );
        const webhooks = await receiver.waitFor(events);
        await settled(subscription.id, events);
        await sleep(800);
        expect(receiver.deliveries()).toHaveLength(events);
        const ids = new Set(webhooks.map((w) => w.headers['solaris-webhook-id']));
        expect(ids.size).toBe(events);
        for (const webhook of webhooks) {
          expect(signatureValid(webhook, subscription.secret)).toBe(true);
        }
      } finally {
        await second.app.close();
      }
    });

    it('sends nothing for a change whose transaction rolled back', async () => {
      const subscription = await subscribe('POSTBOX_ITEM_CREATED');
      const person = await createPerson();
      const document = await generateDocument();
      const caller = {
        id: partner.user.id,
        username: partner.user.username,
        isStaff: false,
        isSupport: false,
      };
      const postbox = t.app.get(PostboxService);
      await expect(
        t.app.get(Transactions).run(async () => {
          await postbox.createItem(caller, 'Person', person, {
            name: 'Rolled back',
            document_id: document,
          });
          throw new Error('the change fails after the item was written');
        }),
      ).rejects.toThrow('the change fails');
      await sleep(1000);
      expect(receiver.deliveries()).toHaveLength(0);
      expect(await deliveriesOf(subscription.id)).toEqual([]);
      const orphans = await db.query(
        `SELECT count(*)::int AS n FROM pgboss.job j
          WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id::text = j.data->>'deliveryId')
            AND j.state IN ('created', 'retry', 'active')`,
      );
      const events = await db.query(
        `SELECT count(*)::int AS n FROM webhook_events e JOIN webhook_deliveries d
           ON d.event_id = e.id WHERE d.subscription_id = $1`,
        [subscription.id],
      );
      expect(events.rows[0].n).toBe(0);
      expect(orphans.rows[0].n).toBe(0);
    });
  });

  it('reports the delivery queue in the readiness check', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.info.webhook_queue).toMatchObject({
      status: 'up',
      queued: expect.any(Number),
      active: expect.any(Number),
    });
  });
});

/** A subscription as GET shows it: everything but the secret. */
function strip(subscription: Subscription): Subscription {
  return Object.fromEntries(
    Object.entries(subscription).filter(([key]) => key !== 'secret'),
  ) as Subscription;
}

function unsafe(res: { headers: Record<string, string> }, message: string) {
  return {
    errors: [
      {
        id: res.headers['x-request-id'],
        status: 400,
        code: 'unsafe_webhook_url',
        title: 'Unsafe Webhook Url',
        detail: `url ${message}`,
        source: { field: 'url', message },
      },
    ],
  };
}
