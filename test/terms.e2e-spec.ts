import pg from 'pg';
import {
  createStaff,
  createSupport,
  createUser,
  type TestUser,
  createPerson as personOf,
  createBusiness as businessOf,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { validationError } from './support/solaris-errors.js';

const DOCUMENT_ID = /^[0-9a-f]{32}tcdc$/;
const EVENT_ID = /^[0-9a-f]{32}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Answered = { headers: Record<string, string> };

const conflict = (res: Answered) => ({
  errors: [
    {
      id: res.headers['x-request-id'],
      status: 409,
      code: 'conflict',
      title: 'Conflict',
      detail: 'The customer has already approved the Terms & Conditions document.',
    },
  ],
});

interface TermsEvent {
  id: string;
  document_id: string;
  document_name: string;
  event_timestamp: string;
  created_at: string;
  event_type: string;
  signed_by: string;
  signed_on_behalf_of: string | null;
  product_name: string;
}

const idsOf = (body: unknown) => (body as { id: string }[]).map((entry) => entry.id);

describe('terms and conditions (/v1/terms_and_conditions_*)', () => {
  let t: TestApp;
  let db: pg.Client;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;
  let banking: string;
  let overdraft: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    partner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
    banking = await registerDocument('Customer T&C on Data Processing', 'DIGITAL_BANKING');
    overdraft = await registerDocument('Overdraft T&C', 'OVERDRAFT');
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function registerDocument(name: string, product: string): Promise<string> {
    const res = await t.http
      .post('/v1/terms_and_conditions_documents')
      .set('Authorization', staff.auth)
      .send({ name, product_name: product, version: '2020-02' })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  const createPerson = (as: TestUser = partner) => personOf(t.http, as.auth);

  const createBusiness = (as: TestUser = partner) => businessOf(t.http, as.auth);

  const post = (body: object, as: TestUser = partner) =>
    t.http.post('/v1/terms_and_conditions_events').set('Authorization', as.auth).send(body);

  const eventBody = (signedBy: string, extra: object = {}) => ({
    document_id: banking,
    event_timestamp: '2020-02-12T17:28:53Z',
    event_type: 'APPROVED',
    signed_by: signedBy,
    product_name: 'DIGITAL_BANKING',
    ...extra,
  });

  const record = async (body: object, as: TestUser = partner): Promise<TermsEvent> =>
    (await post(body, as).expect(201)).body as TermsEvent;

  const list = (query: string, as: TestUser = partner) =>
    t.http.get(`/v1/terms_and_conditions_events${query}`).set('Authorization', as.auth);

  it('story: staff register a document, a partner records its customer approving it, the person is signed', async () => {
    const created = await t.http
      .post('/v1/terms_and_conditions_documents')
      .set('Authorization', staff.auth)
      .send({ name: 'Digital banking T&C', product_name: 'DIGITAL_BANKING', version: 'v3' })
      .expect(201);
    const document = created.body as { id: string };
    expect(created.body).toEqual({
      id: expect.stringMatching(DOCUMENT_ID),
      name: 'Digital banking T&C',
      product_name: 'DIGITAL_BANKING',
      version: 'v3',
      created_at: expect.stringMatching(TIMESTAMP),
    });
    const documents = await t.http
      .get('/v1/terms_and_conditions_documents?page[size]=100')
      .set('Authorization', partner.auth)
      .expect(200);
    expect(documents.body).toContainEqual(created.body);
    expect(idsOf(documents.body)[0]).toBe(document.id);

    const personId = await createPerson();
    const businessId = await createBusiness();
    const before = Date.now();
    const res = await post({
      document_id: document.id,
      event_timestamp: '2020-02-12T17:28:53Z',
      event_type: 'APPROVED',
      signed_by: personId,
      signed_on_behalf_of: businessId,
      product_name: 'DIGITAL_BANKING',
      unknown_key: 'ignored',
    }).expect(201);
    const event = res.body as TermsEvent;
    expect(event).toEqual({
      id: expect.stringMatching(EVENT_ID),
      document_id: document.id,
      document_name: 'Digital banking T&C',
      event_timestamp: '2020-02-12T17:28:53.000Z',
      created_at: expect.stringMatching(TIMESTAMP),
      event_type: 'APPROVED',
      signed_by: personId,
      signed_on_behalf_of: businessId,
      product_name: 'DIGITAL_BANKING',
    });
    expect(new Date(event.created_at).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const person = await t.http
      .get(`/v1/persons/${personId}`)
      .set('Authorization', partner.auth)
      .expect(200);
    expect((person.body as { terms_conditions_signed_at: string }).terms_conditions_signed_at).toBe(
      '2020-02-12T17:28:53.000Z',
    );

    const listed = await list(`?filter[signed_by]=${personId}`).expect(200);
    expect(listed.body).toEqual([event]);

    const trail = await t.http
      .get('/api/audit-events/?page_size=300')
      .set('Authorization', staff.auth)
      .expect(200);
    const steps = (
      trail.body as { action: string; actor_uuid: string; object_uuid: string; after: unknown }[]
    )
      .filter((entry) => [document.id, event.id].includes(entry.object_uuid))
      .reverse();
    expect(steps.map((step) => [step.action, step.actor_uuid, step.object_uuid])).toEqual([
      ['terms.document_created', staff.user.id.replace(/-/g, ''), document.id],
      ['terms.event_recorded', partner.user.id.replace(/-/g, ''), event.id],
    ]);
    expect(steps[1].after).toEqual({
      document_id: document.id,
      event_type: 'APPROVED',
      event_timestamp: '2020-02-12T17:28:53.000Z',
      signed_by: personId,
      signed_on_behalf_of: businessId,
      product_name: 'DIGITAL_BANKING',
      terms_conditions_signed_at: '2020-02-12T17:28:53.000Z',
    });
  });

  describe('documents', () => {
    it('are registered by staff only', async () => {
      for (const caller of [partner, support]) {
        const res = await t.http
          .post('/v1/terms_and_conditions_documents')
          .set('Authorization', caller.auth)
          .send({ name: 'Mine', product_name: 'OVERDRAFT' })
          .expect(403);
        expect((res.body as { errors: { code: string }[] }).errors[0].code).toBe(
          'unauthorized_action',
        );
      }
    });

    it('validate their fields', async () => {
      const cases: [object, string, string][] = [
        [{ product_name: 'OVERDRAFT' }, 'name', 'This field is required.'],
        [
          { name: ' padded', product_name: 'OVERDRAFT' },
          'name',
          'must not start or end with whitespace',
        ],
        [
          { name: 'x', product_name: 'overdraft' },
          'product_name',
          'product_name must be one of the following values: DIGITAL_BANKING, OVERDRAFT, VIACASH, SECURITIES_BROKERAGE, IDENTIFICATION_FOURTHLINE',
        ],
      ];
      for (const [body, field, message] of cases) {
        const res = await t.http
          .post('/v1/terms_and_conditions_documents')
          .set('Authorization', staff.auth)
          .send(body)
          .expect(400);
        expect(res.body).toEqual(validationError(res, field, message));
      }
    });

    it('have no version unless given, and replay with the same Idempotency-Key', async () => {
      const first = await t.http
        .post('/v1/terms_and_conditions_documents')
        .set('Authorization', staff.auth)
        .set('Idempotency-Key', 'tc-doc-1')
        .send({ name: 'Viacash T&C', product_name: 'VIACASH' })
        .expect(201);
      expect((first.body as { version: unknown }).version).toBeNull();
      const replay = await t.http
        .post('/v1/terms_and_conditions_documents')
        .set('Authorization', staff.auth)
        .set('Idempotency-Key', 'tc-doc-1')
        .send({ name: 'Viacash T&C', product_name: 'VIACASH' })
        .expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
    });
  });

  describe('recording events', () => {
    it('answers 400 naming each missing or invalid field', async () => {
      const personId = await createPerson();
      const body = eventBody(personId);
      const without = (field: string) => {
        const copy: Record<string, unknown> = { ...body };
        delete copy[field];
        return copy;
      };
      const cases: [object, string, string][] = [
        ...['document_id', 'event_timestamp', 'event_type', 'signed_by', 'product_name'].map(
          (field): [object, string, string] => [without(field), field, 'This field is required.'],
        ),
        [
          { ...body, event_type: 'approved' },
          'event_type',
          'event_type must be one of the following values: APPROVED, REJECTED',
        ],
        [
          { ...body, event_timestamp: '2020-02-12' },
          'event_timestamp',
          'must be an ISO 8601 date-time with a time zone',
        ],
        [
          { ...body, event_timestamp: '2020-02-12T17:28:53' },
          'event_timestamp',
          'must be an ISO 8601 date-time with a time zone',
        ],
        [
          { ...body, document_id: '0123456789abcdef0123456789abcdeftcdc' },
          'document_id',
          'must be an existing Terms and Conditions document',
        ],
        [
          { ...body, document_id: 'nope' },
          'document_id',
          'must be an existing Terms and Conditions document',
        ],
        [
          { ...body, signed_by: '52054909a5d149b2a7430eee4ba6cc22' },
          'signed_by',
          'must be an existing person of yours',
        ],
        [
          { ...body, signed_by: await createPerson(other) },
          'signed_by',
          'must be an existing person of yours',
        ],
        [
          { ...body, signed_on_behalf_of: '0123456789abcdef0123456789abcdefcbiz' },
          'signed_on_behalf_of',
          'must be an existing business of yours',
        ],
        [
          { ...body, signed_on_behalf_of: await createBusiness(other) },
          'signed_on_behalf_of',
          'must be an existing business of yours',
        ],
        [
          { ...body, product_name: 'OVERDRAFT' },
          'product_name',
          'must be the product of the document',
        ],
      ];
      for (const [request, field, message] of cases) {
        const res = await post(request).expect(400);
        expect({ request, body: res.body as unknown }).toEqual({
          request,
          body: validationError(res, field, message),
        });
      }
      const count = await db.query(
        'SELECT count(*)::int AS n FROM terms_events WHERE signed_by = $1',
        [personId],
      );
      expect(count.rows).toEqual([{ n: 0 }]);
    });

    it("lets staff record for any partner's person, but not support", async () => {
      const personId = await createPerson(other);
      const event = await record(
        eventBody(personId, { document_id: overdraft, product_name: 'OVERDRAFT' }),
        staff,
      );
      expect(event.signed_by).toBe(personId);
      const refused = await post(eventBody(await createPerson(other)), support).expect(403);
      expect((refused.body as { errors: { code: string }[] }).errors[0].code).toBe(
        'unauthorized_action',
      );
    });

    it('answers 409 to a second APPROVED in a row, not after a rejection', async () => {
      const personId = await createPerson();
      await record(eventBody(personId));
      const again = await post(eventBody(personId, { event_timestamp: '2020-03-01T10:00:00Z' }));
      expect(again.status).toBe(409);
      expect(again.body).toEqual(conflict(again));

      await record(
        eventBody(personId, { event_type: 'REJECTED', event_timestamp: '2020-04-01T10:00:00Z' }),
      );
      await record(
        eventBody(personId, { event_type: 'REJECTED', event_timestamp: '2020-04-02T10:00:00Z' }),
      );
      await record(eventBody(personId, { event_timestamp: '2020-05-01T10:00:00Z' }));
      const third = await post(eventBody(personId, { event_timestamp: '2020-06-01T10:00:00Z' }));
      expect(third.status).toBe(409);

      // Another business, another document: other decisions.
      await record(eventBody(personId, { signed_on_behalf_of: await createBusiness() }));
      await record(eventBody(personId, { document_id: overdraft, product_name: 'OVERDRAFT' }));
      const events = await list(`?filter[signed_by]=${personId}&page[size]=100`).expect(200);
      expect(events.headers.total).toBe('6');
    });

    it('gives exactly one 201 to 20 concurrent identical approvals, the others 409', async () => {
      const personId = await createPerson();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => post(eventBody(personId))),
      );
      const statuses = results.map((res) => res.status).sort();
      expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
      for (const res of results.filter((r) => r.status === 409))
        expect(res.body).toEqual(conflict(res));
      const rows = await db.query(
        `SELECT (SELECT count(*)::int FROM terms_events WHERE signed_by = $1) AS events,
                (SELECT count(*)::int FROM audit_events a JOIN terms_events e ON e.id = a.object_id
                 WHERE e.signed_by = $1) AS audits`,
        [personId],
      );
      expect(rows.rows).toEqual([{ events: 1, audits: 1 }]);
    });

    it('replays a creation with the same Idempotency-Key instead of answering 409', async () => {
      const personId = await createPerson();
      const send = () =>
        t.http
          .post('/v1/terms_and_conditions_events')
          .set('Authorization', partner.auth)
          .set('Idempotency-Key', `tc-${personId}`)
          .send(eventBody(personId));
      const first = await send().expect(201);
      const replay = await send().expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
    });

    it('signs the person only with an approved DIGITAL_BANKING document', async () => {
      const personId = await createPerson();
      const signedAt = async () =>
        (
          await db.query('SELECT terms_conditions_signed_at AS at FROM persons WHERE id = $1', [
            personId,
          ])
        ).rows[0].at as Date | null;
      await record(eventBody(personId, { event_type: 'REJECTED' }));
      await record(eventBody(personId, { document_id: overdraft, product_name: 'OVERDRAFT' }));
      expect(await signedAt()).toBeNull();
      await record(eventBody(personId, { event_timestamp: '2021-01-02T03:04:05.678Z' }));
      expect((await signedAt())?.toISOString()).toBe('2021-01-02T03:04:05.678Z');
    });
  });

  describe('the index', () => {
    let personA: string;
    let personB: string;
    let business: string;
    let events: TermsEvent[];
    let foreign: TermsEvent;
    let fixtureDocument: string;

    beforeAll(async () => {
      fixtureDocument = await registerDocument('Index T&C', 'SECURITIES_BROKERAGE');
      personA = await createPerson();
      personB = await createPerson();
      business = await createBusiness();
      const make = (signedBy: string, timestamp: string, extra: object = {}) =>
        record({
          document_id: fixtureDocument,
          event_timestamp: timestamp,
          event_type: 'REJECTED',
          signed_by: signedBy,
          product_name: 'SECURITIES_BROKERAGE',
          ...extra,
        });
      events = [
        await make(personA, '2022-01-01T00:00:00Z'),
        await make(personA, '2022-01-02T12:00:00Z', { event_type: 'APPROVED' }),
        await make(personA, '2022-01-03T23:59:59Z', { signed_on_behalf_of: business }),
        await make(personB, '2022-01-04T00:00:00Z'),
        await make(personB, '2022-01-05T00:00:00Z', {
          event_type: 'APPROVED',
          signed_on_behalf_of: business,
        }),
      ];
      foreign = await record(
        {
          document_id: fixtureDocument,
          event_timestamp: '2022-01-03T00:00:00Z',
          event_type: 'APPROVED',
          signed_by: await createPerson(other),
          product_name: 'SECURITIES_BROKERAGE',
        },
        other,
      );
    });

    const ids = (...indexes: number[]) => indexes.map((i) => events[i].id);
    const scoped = `filter[document_id]=${'{doc}'}`;
    const query = (filters: string) =>
      `?${scoped.replace('{doc}', fixtureDocument)}${filters ? `&${filters}` : ''}&page[size]=100`;

    it("shows partners only their own persons' events, newest event first; staff and support all", async () => {
      const mine = await list(query('')).expect(200);
      expect(idsOf(mine.body)).toEqual(ids(4, 3, 2, 1, 0));
      expect(mine.headers.total).toBe('5');
      const theirs = await list(query(''), other).expect(200);
      expect(idsOf(theirs.body)).toEqual([foreign.id]);
      for (const caller of [staff, support]) {
        const all = await list(query(''), caller).expect(200);
        expect(idsOf(all.body)).toEqual([...ids(4, 3, 2), foreign.id, ...ids(1, 0)]);
      }
    });

    it('applies every filter of the seed', async () => {
      const cases: [string, string[]][] = [
        [`filter[id]=${events[2].id}`, ids(2)],
        [`filter[id]=${foreign.id}`, []],
        [`filter[signed_by]=${personA}`, ids(2, 1, 0)],
        [`filter[signed_on_behalf_of]=${business}`, ids(4, 2)],
        ['filter[product_name]=SECURITIES_BROKERAGE', ids(4, 3, 2, 1, 0)],
        ['filter[product_name]=OVERDRAFT', []],
        ['filter[event_type]=APPROVED', ids(4, 1)],
        ['filter[event_type]=REJECTED', ids(3, 2, 0)],
        ['filter[event_timestamp][min]=2022-01-02T12:00:00Z', ids(4, 3, 2, 1)],
        ['filter[event_timestamp][max]=2022-01-02T12:00:00Z', ids(1, 0)],
        ['filter[event_timestamp][max]=2022-01-03', ids(2, 1, 0)],
        [
          'filter[event_timestamp][min]=2022-01-02&filter[event_timestamp][max]=2022-01-04T00:00:00Z',
          ids(3, 2, 1),
        ],
        [`filter[signed_by]=${personB}&filter[event_type]=APPROVED`, ids(4)],
      ];
      for (const [filters, expected] of cases) {
        const res = await list(query(filters)).expect(200);
        expect({ filters, ids: idsOf(res.body) }).toEqual({ filters, ids: expected });
      }
      const byDocument = await list(
        `?filter[document_id]=${overdraft}&filter[signed_by]=${personA}`,
      );
      expect(byDocument.body).toEqual([]);
    });

    it('pages with Total, Per-Page and Link', async () => {
      const base = `?filter[document_id]=${fixtureDocument}`;
      const first = await list(`${base}&page[number]=1&page[size]=2`).expect(200);
      expect(idsOf(first.body)).toEqual(ids(4, 3));
      expect(first.headers.total).toBe('5');
      expect(first.headers['per-page']).toBe('2');
      expect(first.headers.link).toContain('rel="next"');
      expect(first.headers.link).toContain(`filter[document_id]=${fixtureDocument}`);
      const zero = await list(`${base}&page[number]=0&page[size]=2`).expect(200);
      expect(zero.body).toEqual(first.body);
      const last = await list(`${base}&page[number]=3&page[size]=2`).expect(200);
      expect(idsOf(last.body)).toEqual(ids(0));
      const past = await list(`${base}&page[number]=9&page[size]=2`).expect(200);
      expect(past.body).toEqual([]);
    });

    it('answers 400 naming the filter for bad values', async () => {
      const cases: [string, string][] = [
        ['filter[id]=xyz', 'filter.id'],
        [`filter[id]=${events[0].id}cper`, 'filter.id'],
        ['filter[document_id]=nope', 'filter.document_id'],
        [`filter[signed_by]=${business}`, 'filter.signed_by'],
        [`filter[signed_on_behalf_of]=${personA}`, 'filter.signed_on_behalf_of'],
        ['filter[product_name]=digital_banking', 'filter.product_name'],
        ['filter[event_type]=SIGNED', 'filter.event_type'],
        ['filter[event_timestamp][min]=yesterday', 'filter.event_timestamp.min'],
        ['filter[event_timestamp][max]=2022-02-30', 'filter.event_timestamp.max'],
        ['filter[event_timestamp]=2022-01-01', 'filter.event_timestamp'],
        [
          'filter[event_timestamp][min]=2022-01-05&filter[event_timestamp][max]=2022-01-04',
          'filter.event_timestamp',
        ],
        ['filter[signed_by][]=x', 'filter.signed_by'],
        ['page[size]=0', 'page.size'],
        ['page[size]=101', 'page.size'],
        ['page[number]=-1', 'page.number'],
        ['page[number]=abc', 'page.number'],
      ];
      for (const [filters, field] of cases) {
        const res = await list(`?${filters}`);
        const error = (res.body as { errors: { code: string; source?: { field: string } }[] })
          .errors?.[0];
        expect({
          filters,
          status: res.status,
          code: error?.code,
          field: error?.source?.field,
        }).toEqual({
          filters,
          status: 400,
          code: 'validation_error',
          field,
        });
      }
    });
  });
});
