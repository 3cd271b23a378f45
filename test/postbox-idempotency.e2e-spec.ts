import pg from 'pg';
import { createUser, type TestUser, createPerson, generateDocument } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/** The Solaris body field `idempotency_key` and the Idempotency-Key header on the /v1 creating routes. */
describe('idempotency on /v1 creating routes', () => {
  let t: TestApp;
  let partner: TestUser;
  let other: TestUser;
  let db: pg.Client;
  let personId: string;
  let documentId: string;

  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    [partner, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    personId = await createPerson(t.http, partner.auth);
    documentId = await generateDocument(t.http, partner.auth, {
      document_type: 'ACCOUNT_STATEMENT',
      document_date: '2021-06-30',
    });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const item = (key: string, extra: object = {}) => ({
    name: 'Statement',
    description: 'June',
    customer_notification: false,
    customer_confirmation: true,
    document_id: documentId,
    idempotency_key: key,
    ...extra,
  });

  it('returns the earlier item for a repeated body idempotency_key, creating one', async () => {
    const before = await count('postbox_items');
    const first = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .send(item('item-key-0001'))
      .expect(200);
    const again = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .send(item('item-key-0001'))
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('postbox_items')).toBe(before + 1);
  });

  it('treats the header and the body field as one key, and rejects them when they differ', async () => {
    const first = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'item-key-0002')
      .send(item('item-key-0002'))
      .expect(200);
    const byHeader = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'item-key-0002')
      .send(item('item-key-0002'))
      .expect(200);
    expect(byHeader.body.id).toBe(first.body.id);
    const mismatch = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'other-key')
      .send(item('item-key-0002'))
      .expect(400);
    expect(mismatch.body.errors[0]).toMatchObject({ status: 400, code: 'idempotency_key_invalid' });
  });

  it('answers 422 when a key is reused for a different item', async () => {
    await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .send(item('item-key-0003'))
      .expect(200);
    const reused = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .send(item('item-key-0003', { name: 'Another' }))
      .expect(422);
    expect(reused.body.errors[0]).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('creates one confirmation for concurrent requests with one key', async () => {
    const created = await t.http
      .post(`/v1/persons/${personId}/postbox/items`)
      .set('Authorization', partner.auth)
      .send(item('item-key-0004'))
      .expect(200);
    const before = await count('postbox_confirmations');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.http
          .post(`/v1/postbox/items/${created.body.id}/confirmations`)
          .set('Authorization', partner.auth)
          .send({ person_id: personId, idempotency_key: 'confirm-key-0001' }),
      ),
    );
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    expect(await count('postbox_confirmations')).toBe(before + 1);
  });

  it('replays a multipart upload with the same key and file, and rejects a different file', async () => {
    const upload = (file: Buffer) =>
      t.http
        .post(`/v1/persons/${personId}/postbox`)
        .set('Authorization', partner.auth)
        .field('document_type', 'FEE_SUMMARY_STATEMENT')
        .field('document_date', '2024-07-30')
        .field('name', 'Fees')
        .field('description', 'Annual fees')
        .field('customer_notification', 'false')
        .field('customer_confirmation', 'false')
        .field('idempotency_key', 'upload-key-0001')
        .attach('file', file, { filename: 'fees.pdf', contentType: 'application/pdf' });
    const first = await upload(pdf);
    expect(first.status).toBe(201);
    const again = await upload(pdf).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    await upload(Buffer.concat([pdf, Buffer.from('% changed\n')])).expect(422);
  });

  it('keeps keys per caller: the same key from another partner is a new request', async () => {
    const mine = await t.http
      .post('/v1/persons')
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'person-key-0001')
      .send({ first_name: 'A', last_name: 'B' })
      .expect(201);
    const theirs = await t.http
      .post('/v1/persons')
      .set('Authorization', other.auth)
      .set('Idempotency-Key', 'person-key-0001')
      .send({ first_name: 'A', last_name: 'B' })
      .expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('does not store a missing-file 400, so a corrected retry with the key succeeds', async () => {
    await t.http
      .post(`/v1/persons/${personId}/documents`)
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'doc-key-0001')
      .field('document_type', 'KYC_REPORT')
      .expect(400);
    const res = await t.http
      .post(`/v1/persons/${personId}/documents`)
      .set('Authorization', partner.auth)
      .set('Idempotency-Key', 'doc-key-0001')
      .field('document_type', 'KYC_REPORT')
      .attach('file', pdf, { filename: 'kyc.pdf', contentType: 'application/pdf' });
    expect(res.status).toBe(201);
  });
});
