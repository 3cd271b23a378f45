import { createHash } from 'node:crypto';
import pg from 'pg';
import { POSTBOX_DOCUMENT_TYPES } from '../src/postbox/postbox-document-types.js';
import {
  createStaff,
  createSupport,
  createUser,
  type TestUser,
  createPerson as personOf,
  createBusiness as businessOf,
  generateDocument as documentOf,
  createItem as itemOf,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { runPdfTool } from './support/pdf-tools.js';
import { notFound, validationError } from './support/solaris-errors.js';

const ITEM_ID = /^[0-9a-f]{32}pbxi$/;
const DOCUMENT_ID = /^[0-9a-f]{32}pbxd$/;
const CONFIRMATION_ID = /^[0-9a-f]{32}pbxc$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const uploadedPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type Headers = Record<string, string>;

const idsOf = (body: unknown) => (body as { id: string }[]).map((entry) => entry.id);

describe('postbox (/v1)', () => {
  let t: TestApp;
  let partner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;
  let db: pg.Client;

  beforeAll(async () => {
    t = await createTestApp();
    partner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const createPerson = (as: TestUser = partner) => personOf(t.http, as.auth);

  const createBusiness = (as: TestUser = partner) => businessOf(t.http, as.auth);

  const generateDocument = (as: TestUser = partner, body?: object) =>
    documentOf(t.http, as.auth, body);

  const createItem = (
    ownerPath: string,
    documentId: string,
    as: TestUser = partner,
    extra: object = {},
  ) => itemOf(t.http, as.auth, ownerPath, documentId, extra);

  const download = (itemId: string, as: TestUser = partner) =>
    t.http
      .get(`/v1/postbox/items/${itemId}/document`)
      .set('Authorization', as.auth)
      .responseType('blob');

  describe('POST /v1/postbox/documents (sandbox)', () => {
    it('answers 200 with only the id', async () => {
      const res = await t.http
        .post('/v1/postbox/documents')
        .set('Authorization', partner.auth)
        .send({ document_type: 'ACCOUNT_STATEMENT', document_date: '2021-06-30' })
        .expect(200);
      expect(res.body).toEqual({ id: expect.stringMatching(DOCUMENT_ID) });
    });

    it.each([
      [{ document_date: '2021-06-30' }, 'document_type', 'This field is required.'],
      [
        { document_type: 'account_statement', document_date: '2021-06-30' },
        'document_type',
        `document_type must be one of the following values: ${POSTBOX_DOCUMENT_TYPES.join(', ')}`,
      ],
      [
        { document_type: 'ACCOUNT_STATEMENT', document_date: '2021-02-29' },
        'document_date',
        'must be a valid date in the format YYYY-MM-DD',
      ],
      [{ document_type: 'ACCOUNT_STATEMENT' }, 'document_date', 'This field is required.'],
      [
        { document_type: 'ACCOUNT_STATEMENT', document_date: '2021-06-30', sign_document: 'yes' },
        'sign_document',
        'sign_document must be a boolean value',
      ],
    ])('rejects %j', async (body, field, message) => {
      const res = await t.http
        .post('/v1/postbox/documents')
        .set('Authorization', partner.auth)
        .send(body)
        .expect(400);
      expect(res.body).toEqual(validationError(res, field, message));
    });

    it('accepts every one of the 24 document types', async () => {
      expect(POSTBOX_DOCUMENT_TYPES).toHaveLength(24);
      for (const documentType of POSTBOX_DOCUMENT_TYPES) {
        await generateDocument(partner, {
          document_type: documentType,
          document_date: '2024-01-31',
        });
      }
    });
  });

  describe('items and their PDF', () => {
    it('creates a person item from a generated document and serves a PDF that opens', async () => {
      const personId = await createPerson();
      const documentId = await generateDocument(partner, {
        document_type: 'ACCOUNT_STATEMENT',
        document_date: '2021-06-30',
      });
      const item = await createItem(`/v1/persons/${personId}`, documentId);
      expect(item).toEqual({
        id: expect.stringMatching(ITEM_ID),
        belongs_to: personId,
        owner_type: 'Person',
        created_at: expect.stringMatching(TIMESTAMP),
        document_date: '2021-06-30',
        document_type: 'ACCOUNT_STATEMENT',
        name: 'Balance confirmation for June 2021',
        description: 'Balance confirmation',
        customer_notification: false,
        customer_confirmation: true,
        document_size: expect.any(Number),
        document_content_type: 'application/pdf',
        document_id: documentId,
        has_been_read: false,
        has_been_confirmed: false,
      });
      const read = await t.http
        .get(`/v1/postbox/items/${item.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body).toEqual(item);

      const res = await download(item.id).expect(200);
      const pdf = res.body as Buffer;
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(item.document_size));
      expect(pdf.length).toBe(item.document_size);
      expect(res.headers['content-disposition']).toBe(`attachment; filename=${item.id}.pdf`);

      const info = await runPdfTool('pdfinfo', pdf);
      expect(info.code).toBe(0);
      expect(info.stdout).toMatch(/^Title:\s+ACCOUNT_STATEMENT 2021-06-30$/m);
      expect(info.stdout).toMatch(/^Pages:\s+1$/m);
      const text = await runPdfTool('pdftotext', pdf);
      expect(text.stdout).toContain('ACCOUNT_STATEMENT');
      expect(text.stdout).toContain('Document date: 2021-06-30');
      const signature = await runPdfTool('pdfsig', pdf);
      expect(signature.stdout + signature.stderr).toContain('does not contain any signatures');
    });

    it('embeds a signature that pdfsig validates when sign_document is true', async () => {
      const personId = await createPerson();
      const documentId = await generateDocument(partner, {
        document_type: 'CREDIT_CARD_CONTRACT_SIGNED',
        document_date: '2024-02-29',
        sign_document: true,
      });
      const item = await createItem(`/v1/persons/${personId}`, documentId);
      const pdf = (await download(item.id).expect(200)).body as Buffer;
      expect(pdf.length).toBe(item.document_size);

      const info = await runPdfTool('pdfinfo', pdf);
      expect(info.code).toBe(0);
      const signature = await runPdfTool('pdfsig', pdf);
      expect(signature.code).toBe(0);
      expect(signature.stdout).toContain('Signature #1');
      expect(signature.stdout).toContain('Signature Validation: Signature is Valid.');
      expect(signature.stdout).toContain('Total document signed');
      expect(signature.stdout).not.toContain('does not contain any signatures');
    });

    it('creates a business item', async () => {
      const businessId = await createBusiness();
      const item = await createItem(`/v1/businesses/${businessId}`, await generateDocument());
      expect(item).toMatchObject({
        belongs_to: businessId,
        owner_type: 'Business',
        document_type: 'BALANCE_CONFIRMATION',
        document_date: '2021-06-30',
      });
    });

    it('defaults the optional fields and ignores unknown keys', async () => {
      const personId = await createPerson();
      const res = await t.http
        .post(`/v1/persons/${personId}/postbox/items`)
        .set('Authorization', partner.auth)
        .send({ name: 'Statement', document_id: await generateDocument(), has_been_read: true })
        .expect(200);
      expect(res.body).toMatchObject({
        description: null,
        customer_notification: false,
        customer_confirmation: false,
        has_been_read: false,
      });
    });

    it('uploads a file as an item (multipart) and serves back the exact bytes', async () => {
      const personId = await createPerson();
      const res = await t.http
        .post(`/v1/persons/${personId}/postbox`)
        .set('Authorization', partner.auth)
        .field('document_type', 'FEE_SUMMARY_STATEMENT')
        .field('document_date', '2024-07-30')
        .field('name', 'Fee summary 2024')
        .field('description', 'Annual fees')
        .field('customer_notification', 'true')
        .field('customer_confirmation', 'false')
        .attach('file', uploadedPdf, { filename: 'fees.pdf', contentType: 'application/pdf' })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(ITEM_ID),
        belongs_to: personId,
        owner_type: 'Person',
        created_at: expect.stringMatching(TIMESTAMP),
        document_date: '2024-07-30',
        document_type: 'FEE_SUMMARY_STATEMENT',
        name: 'Fee summary 2024',
        description: 'Annual fees',
        customer_notification: true,
        customer_confirmation: false,
        document_size: uploadedPdf.length,
        document_content_type: 'application/pdf',
        document_id: expect.stringMatching(DOCUMENT_ID),
        has_been_read: false,
        has_been_confirmed: false,
      });
      const bytes = (await download(res.body.id).expect(200)).body as Buffer;
      expect(sha256(bytes)).toBe(sha256(uploadedPdf));

      const businessId = await createBusiness();
      await t.http
        .post(`/v1/businesses/${businessId}/postbox`)
        .set('Authorization', partner.auth)
        .field('document_type', 'BALANCE_CONFIRMATION')
        .field('document_date', '2024-07-30')
        .field('name', 'Balance')
        .attach('file', uploadedPdf, { filename: 'b.pdf', contentType: 'application/pdf' })
        .expect(201);
    });

    it('validates the multipart fields and the file', async () => {
      const personId = await createPerson();
      const path = `/v1/persons/${personId}/postbox`;
      const post = (fields: Record<string, string>, withFile = true) => {
        let req = t.http.post(path).set('Authorization', partner.auth);
        for (const [key, value] of Object.entries(fields)) req = req.field(key, value);
        return withFile
          ? req.attach('file', uploadedPdf, { filename: 'a.pdf', contentType: 'application/pdf' })
          : req;
      };
      const valid = { document_type: 'ACCOUNT_STATEMENT', document_date: '2024-07-30', name: 'A' };
      const flag = await post({ ...valid, customer_confirmation: 'maybe' }).expect(400);
      expect(flag.body).toEqual(
        validationError(
          flag,
          'customer_confirmation',
          'customer_confirmation must be a boolean value',
        ),
      );
      const type = await post({ ...valid, document_type: 'Account_Statement' }).expect(400);
      expect(type.body.errors[0].source.field).toBe('document_type');
      const padded = await post({ ...valid, name: 'A ' }).expect(400);
      expect(padded.body).toEqual(
        validationError(padded, 'name', 'must not start or end with whitespace'),
      );
      const noFile = await post(valid, false).expect(400);
      expect(noFile.body).toEqual(validationError(noFile, 'file', 'No file was submitted.'));
    });

    it('answers 404 model_not_found for an unknown or foreign owner', async () => {
      const documentId = await generateDocument();
      for (const [path, model, id] of [
        [
          '/v1/persons/00000000000000000000000000000000cper',
          'Person',
          '00000000000000000000000000000000cper',
        ],
        [`/v1/persons/${await createPerson(other)}`, 'Person', undefined],
        ['/v1/businesses/nope', 'Business', 'nope'],
        [`/v1/businesses/${await createBusiness(other)}`, 'Business', undefined],
      ] as const) {
        const res = await t.http
          .post(`${path}/postbox/items`)
          .set('Authorization', partner.auth)
          .send({ name: 'x', document_id: documentId })
          .expect(404);
        expect(res.body).toEqual(notFound(res, model, id ?? path.split('/').pop()!));
      }
    });

    it("rejects an unknown or another partner's document_id with 400 on document_id", async () => {
      const personId = await createPerson();
      for (const documentId of [
        await generateDocument(other),
        '00000000000000000000000000000000pbxd',
      ]) {
        const res = await t.http
          .post(`/v1/persons/${personId}/postbox/items`)
          .set('Authorization', partner.auth)
          .send({ name: 'x', document_id: documentId })
          .expect(400);
        expect(res.body).toEqual(
          validationError(
            res,
            'document_id',
            'must be a Postbox document created by the owner of the person or business',
          ),
        );
      }
    });

    it('requires name and document_id', async () => {
      const personId = await createPerson();
      const res = await t.http
        .post(`/v1/persons/${personId}/postbox/items`)
        .set('Authorization', partner.auth)
        .send({ document_id: await generateDocument() })
        .expect(400);
      expect(res.body).toEqual(validationError(res, 'name', 'This field is required.'));
    });
  });

  describe('access', () => {
    let item: { id: string };

    beforeAll(async () => {
      item = await createItem(`/v1/persons/${await createPerson()}`, await generateDocument());
    });

    it("hides a partner's item, document and confirmations from another partner", async () => {
      for (const path of [
        `/v1/postbox/items/${item.id}`,
        `/v1/postbox/items/${item.id}/document`,
        `/v1/postbox/items/${item.id}/confirmations`,
      ]) {
        const res = await t.http.get(path).set('Authorization', other.auth).expect(404);
        expect(res.body).toEqual(notFound(res, 'PostboxItem', item.id));
      }
      const confirm = await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', other.auth)
        .send({ person_id: await createPerson(other) })
        .expect(404);
      expect(confirm.body).toEqual(notFound(confirm, 'PostboxItem', item.id));
    });

    it("hides another partner's person's item list", async () => {
      const personId = await createPerson();
      const res = await t.http
        .get(`/v1/persons/${personId}/postbox/items`)
        .set('Authorization', other.auth)
        .expect(404);
      expect(res.body).toEqual(notFound(res, 'Person', personId));
    });

    it('answers 404 for an unknown item', async () => {
      const id = '00000000000000000000000000000000pbxi';
      const res = await t.http
        .get(`/v1/postbox/items/${id}`)
        .set('Authorization', partner.auth)
        .expect(404);
      expect(res.body).toEqual(notFound(res, 'PostboxItem', id));
    });

    it('lets staff and support read, but not support confirm', async () => {
      for (const reader of [staff, support]) {
        await t.http
          .get(`/v1/postbox/items/${item.id}`)
          .set('Authorization', reader.auth)
          .expect(200);
      }
      const res = await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', support.auth)
        .send({ person_id: '00000000000000000000000000000000cper' })
        .expect(403);
      expect(res.body.errors[0]).toMatchObject({ status: 403, code: 'unauthorized_action' });
    });

    it("marks the item read on the owning partner's download only", async () => {
      const fresh = await createItem(
        `/v1/persons/${await createPerson()}`,
        await generateDocument(),
      );
      await download(fresh.id, staff).expect(200);
      await download(fresh.id, support).expect(200);
      const unread = await t.http
        .get(`/v1/postbox/items/${fresh.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(unread.body.has_been_read).toBe(false);
      await download(fresh.id).expect(200);
      const read = await t.http
        .get(`/v1/postbox/items/${fresh.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body).toEqual({ ...fresh, has_been_read: true });
    });
  });

  describe('GET …/postbox/items (lists)', () => {
    let personId: string;
    let ids: string[];

    const relations = (header: string) =>
      Object.fromEntries(
        header.split(', ').map((part) => {
          const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, new URL(url).pathname + new URL(url).search];
        }),
      );

    const list = (query = '', as: TestUser = partner) =>
      t.http.get(`/v1/persons/${personId}/postbox/items${query}`).set('Authorization', as.auth);

    // 25 items, one second apart from 2026-01-01T00:00:00Z, types cycling through three values.
    const TYPES = ['ACCOUNT_STATEMENT', 'BALANCE_CONFIRMATION', 'LOAN_SCHEDULE'];
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

    beforeAll(async () => {
      personId = await createPerson();
      const documents = await Promise.all(
        TYPES.map((type) =>
          generateDocument(partner, { document_type: type, document_date: '2026-01-01' }),
        ),
      );
      ids = [];
      for (let i = 0; i < 25; i++) {
        const item = await createItem(`/v1/persons/${personId}`, documents[i % 3]);
        ids.push(item.id);
        await db.query('UPDATE postbox_items SET created_at = $1 WHERE id = $2', [at(i), item.id]);
      }
      // Another owner's items never show up.
      await createItem(`/v1/persons/${await createPerson()}`, documents[0]);
    });

    it('pages newest first and the Link header walks every item exactly once', async () => {
      const first = await list('?page[size]=10').expect(200);
      expect(first.headers.total).toBe('25');
      expect(first.headers['per-page']).toBe('10');
      const seen: string[] = idsOf(first.body);
      let next = relations(first.headers.link).next;
      while (next) {
        const page = await t.http.get(next).set('Authorization', partner.auth).expect(200);
        seen.push(...idsOf(page.body));
        next = relations(page.headers.link).next;
      }
      expect(seen).toEqual([...ids].reverse());
      expect(first.body[0].created_at).toBe(at(24));
    });

    it('filters by a comma-separated document_type list', async () => {
      const res = await list(
        '?filter[document_type]=ACCOUNT_STATEMENT,LOAN_SCHEDULE&page[size]=100',
      ).expect(200);
      const expected = ids.filter((_, i) => i % 3 !== 1).reverse();
      expect(idsOf(res.body)).toEqual(expected);
      expect(res.headers.total).toBe(String(expected.length));
      const one = await list('?filter[document_type]=BALANCE_CONFIRMATION&page[size]=100').expect(
        200,
      );
      expect(
        (one.body as { document_type: string }[]).every(
          (item: { document_type: string }) => item.document_type === 'BALANCE_CONFIRMATION',
        ),
      ).toBe(true);
      expect(one.body).toHaveLength(8);
    });

    it('includes items exactly at both created_at bounds', async () => {
      const res = await list(
        `?filter[created_at][min]=${at(5)}&filter[created_at][max]=${at(9)}&page[size]=100`,
      ).expect(200);
      expect(idsOf(res.body)).toEqual(ids.slice(5, 10).reverse());
      expect(res.headers.total).toBe('5');
      expect(res.headers.link).toContain('filter[created_at][min]=');

      const exact = await list(
        `?filter[created_at][min]=${at(7)}&filter[created_at][max]=${at(7)}`,
      ).expect(200);
      expect(idsOf(exact.body)).toEqual([ids[7]]);

      const offset = await list(
        `?filter[created_at][min]=${encodeURIComponent('2026-01-01T01:00:03+01:00')}&filter[created_at][max]=${encodeURIComponent('2026-01-01T01:00:04+01:00')}`,
      ).expect(200);
      expect(idsOf(offset.body)).toEqual([ids[4], ids[3]]);
    });

    it('combines filters and reads a date-only max as that whole day', async () => {
      const res = await list(
        `?filter[document_type]=LOAN_SCHEDULE&filter[created_at][min]=${at(10)}&filter[created_at][max]=2026-01-01&page[size]=100`,
      ).expect(200);
      const expected = ids.filter((_, i) => i >= 10 && i % 3 === 2).reverse();
      expect(idsOf(res.body)).toEqual(expected);
      const before = await list('?filter[created_at][max]=2025-12-31').expect(200);
      expect(before.body).toEqual([]);
      expect(before.headers.total).toBe('0');
    });

    it.each([
      ['filter[document_type]=account_statement', 'filter.document_type'],
      ['filter[document_type]=ACCOUNT_STATEMENT,', 'filter.document_type'],
      ['filter[document_type]=', 'filter.document_type'],
      ['filter[document_type][]=ACCOUNT_STATEMENT', 'filter.document_type'],
      ['filter[created_at][min]=yesterday', 'filter.created_at.min'],
      ['filter[created_at][max]=2026-01-01T00:00:00', 'filter.created_at.max'],
      ['filter[created_at][min]=2026-02-30T00:00:00Z', 'filter.created_at.min'],
      ['filter[created_at]=2026-01-01', 'filter.created_at'],
      ['filter=ACCOUNT_STATEMENT', 'filter'],
      [
        `filter[created_at][min]=${'2026-01-02T00:00:00Z'}&filter[created_at][max]=2026-01-01T00:00:00Z`,
        'filter.created_at',
      ],
      ['page[size]=0', 'page.size'],
      ['page[size]=101', 'page.size'],
      ['page[number]=-1', 'page.number'],
      ['page[number]=one', 'page.number'],
    ])('rejects %s with 400 on %s', async (query, field) => {
      const res = await list(`?${query}`).expect(400);
      expect(res.body.errors[0]).toMatchObject({
        status: 400,
        code: 'validation_error',
        source: { field },
      });
    });

    it("lists a business's items the same way", async () => {
      const businessId = await createBusiness();
      const documentId = await generateDocument();
      const made = [
        await createItem(`/v1/businesses/${businessId}`, documentId),
        await createItem(`/v1/businesses/${businessId}`, documentId),
      ];
      await db.query("UPDATE postbox_items SET created_at = '2025-01-01T00:00:00Z' WHERE id = $1", [
        made[0].id,
      ]);
      const res = await t.http
        .get(`/v1/businesses/${businessId}/postbox/items?filter[created_at][min]=2025-06-01`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(res.body).toEqual([made[1]]);
      const foreign = await t.http
        .get(`/v1/businesses/${businessId}/postbox/items`)
        .set('Authorization', other.auth)
        .expect(404);
      expect(foreign.body).toEqual(notFound(foreign, 'Business', businessId));
    });
  });

  describe('confirmations', () => {
    it('confirms a person item, marks it confirmed and audits it', async () => {
      const personId = await createPerson();
      const item = await createItem(`/v1/persons/${personId}`, await generateDocument());
      const res = await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({ person_id: personId, idempotency_key: 'confirm-1' })
        .expect(200);
      expect(res.body).toEqual({
        id: expect.stringMatching(CONFIRMATION_ID),
        person_id: personId,
        confirmed_at: expect.stringMatching(TIMESTAMP),
      });
      const read = await t.http
        .get(`/v1/postbox/items/${item.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(read.body).toEqual({ ...item, has_been_confirmed: true });

      const one = await t.http
        .get(`/v1/postbox/items/${item.id}/confirmations/${res.body.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(one.body).toEqual(res.body);
      const all = await t.http
        .get(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(all.body).toEqual([res.body]);
      expect(all.headers.total).toBe('1');

      const events = await t.http
        .get(`/api/audit-events/?object_uuid=${item.id}`)
        .set('Authorization', staff.auth)
        .expect(200);
      expect(events.body).toEqual([
        {
          uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
          created: expect.any(String),
          actor_uuid: partner.user.id.replace(/-/g, ''),
          action: 'postbox.item_confirmed',
          object_type: 'postbox_item',
          object_uuid: item.id,
          before: { has_been_confirmed: false },
          after: { has_been_confirmed: true, confirmation_id: res.body.id, person_id: personId },
          request_id: res.headers['x-request-id'],
        },
      ]);
    });

    it("takes only the item's own person for a person item", async () => {
      const personId = await createPerson();
      const item = await createItem(`/v1/persons/${personId}`, await generateDocument());
      const res = await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({ person_id: await createPerson() })
        .expect(400);
      expect(res.body).toEqual(
        validationError(res, 'person_id', 'must be the person the Postbox item belongs to'),
      );
      const unchanged = await t.http
        .get(`/v1/postbox/items/${item.id}`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(unchanged.body.has_been_confirmed).toBe(false);
    });

    it("takes any person of the partner for a business item, never another partner's", async () => {
      const item = await createItem(
        `/v1/businesses/${await createBusiness()}`,
        await generateDocument(),
      );
      const mine = await createPerson();
      for (const personId of [await createPerson(other), '00000000000000000000000000000000cper']) {
        const res = await t.http
          .post(`/v1/postbox/items/${item.id}/confirmations`)
          .set('Authorization', partner.auth)
          .send({ person_id: personId })
          .expect(400);
        expect(res.body).toEqual(
          validationError(res, 'person_id', 'must be an existing person of yours'),
        );
      }
      const missing = await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({})
        .expect(400);
      expect(missing.body).toEqual(
        validationError(missing, 'person_id', 'This field is required.'),
      );
      await t.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({ person_id: mine })
        .expect(200);
    });

    it('filters confirmations by inclusive created_at bounds and pages them', async () => {
      const personId = await createPerson();
      const item = await createItem(`/v1/persons/${personId}`, await generateDocument());
      const made: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.http
          .post(`/v1/postbox/items/${item.id}/confirmations`)
          .set('Authorization', partner.auth)
          .send({ person_id: personId })
          .expect(200);
        made.push(res.body.id);
        await db.query('UPDATE postbox_confirmations SET confirmed_at = $1 WHERE id = $2', [
          `2026-03-0${i + 1}T12:00:00Z`,
          res.body.id,
        ]);
      }
      const res = await t.http
        .get(
          `/v1/postbox/items/${item.id}/confirmations?filter[created_at][min]=2026-03-02T12:00:00Z&filter[created_at][max]=2026-03-03T12:00:00.000Z`,
        )
        .set('Authorization', partner.auth)
        .expect(200);
      expect(res.body).toEqual([
        { id: made[2], person_id: personId, confirmed_at: '2026-03-03T12:00:00.000Z' },
        { id: made[1], person_id: personId, confirmed_at: '2026-03-02T12:00:00.000Z' },
      ]);
      const paged = await t.http
        .get(`/v1/postbox/items/${item.id}/confirmations?page[size]=3&page[number]=2`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(idsOf(paged.body)).toEqual([made[0]]);
      expect(paged.headers.total).toBe('4');
      const bad = await t.http
        .get(`/v1/postbox/items/${item.id}/confirmations?filter[created_at][max]=never`)
        .set('Authorization', partner.auth)
        .expect(400);
      expect(bad.body.errors[0].source.field).toBe('filter.created_at.max');
    });

    it("answers 404 for an unknown confirmation or another item's confirmation", async () => {
      const personId = await createPerson();
      const documentId = await generateDocument();
      const first = await createItem(`/v1/persons/${personId}`, documentId);
      const second = await createItem(`/v1/persons/${personId}`, documentId);
      const confirmation = await t.http
        .post(`/v1/postbox/items/${first.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({ person_id: personId })
        .expect(200);
      for (const [itemId, confirmationId] of [
        [first.id, '00000000000000000000000000000000pbxc'],
        [second.id, confirmation.body.id as string],
      ]) {
        const res = await t.http
          .get(`/v1/postbox/items/${itemId}/confirmations/${confirmationId}`)
          .set('Authorization', partner.auth)
          .expect(404);
        expect(res.body).toEqual(notFound(res, 'PostboxConfirmation', confirmationId));
      }
    });
  });

  describe('with SANDBOX=false', () => {
    let production: TestApp;

    beforeAll(async () => {
      production = await createTestApp({
        databaseUrl: t.databaseUrl,
        config: { sandbox: false },
      });
    });
    afterAll(() => production.close());

    const absent = (res: { body: unknown; headers: Headers }, method: string, path: string) =>
      expect(res.body).toEqual({
        errors: [
          {
            id: res.headers['x-request-id'],
            status: 404,
            code: 'not_found',
            title: 'Not Found',
            detail: `Cannot ${method} ${path}`,
          },
        ],
      });

    it('hides the sandbox endpoints as if they did not exist', async () => {
      const personId = await createPerson();
      const businessId = await createBusiness();
      const documentId = await generateDocument();
      for (const path of [
        '/v1/postbox/documents',
        `/v1/persons/${personId}/postbox/items`,
        `/v1/businesses/${businessId}/postbox/items`,
      ]) {
        const res = await production.http
          .post(path)
          .set('Authorization', staff.auth)
          .send({
            document_type: 'ACCOUNT_STATEMENT',
            document_date: '2021-06-30',
            name: 'x',
            document_id: documentId,
          })
          .expect(404);
        absent(res, 'POST', path);
      }
    });

    it('keeps reading, confirming and staff deliveries, and refuses partner uploads', async () => {
      const personId = await createPerson();
      const item = await createItem(`/v1/persons/${personId}`, await generateDocument());
      await production.http
        .get(`/v1/persons/${personId}/postbox/items`)
        .set('Authorization', partner.auth)
        .expect(200);
      await production.http
        .post(`/v1/postbox/items/${item.id}/confirmations`)
        .set('Authorization', partner.auth)
        .send({ person_id: personId })
        .expect(200);
      const upload = (as: TestUser) =>
        production.http
          .post(`/v1/persons/${personId}/postbox`)
          .set('Authorization', as.auth)
          .field('document_type', 'ACCOUNT_STATEMENT')
          .field('document_date', '2026-01-31')
          .field('name', 'January statement')
          .attach('file', uploadedPdf, { filename: 'jan.pdf', contentType: 'application/pdf' });
      const refused = await upload(partner).expect(403);
      expect(refused.body.errors[0]).toMatchObject({
        status: 403,
        code: 'unauthorized_action',
        detail: 'Only staff deliver Postbox documents outside the sandbox.',
      });
      const delivered = await upload(staff).expect(201);
      expect(delivered.body).toMatchObject({
        belongs_to: personId,
        document_type: 'ACCOUNT_STATEMENT',
      });
    });
  });

  it('documents every postbox route in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/postbox/documents',
        '/v1/persons/{person_id}/postbox/items',
        '/v1/businesses/{business_id}/postbox/items',
        '/v1/persons/{person_id}/postbox',
        '/v1/businesses/{business_id}/postbox',
        '/v1/postbox/items/{item_id}',
        '/v1/postbox/items/{item_id}/document',
        '/v1/postbox/items/{item_id}/confirmations',
        '/v1/postbox/items/{item_id}/confirmations/{confirmation_id}',
        '/v1/persons',
        '/v1/persons/{id}',
        '/v1/persons/{id}/update_for_development',
        '/v1/persons/{id}/documents',
        '/v1/businesses',
        '/v1/businesses/{id}',
        '/v1/businesses/{id}/documents',
      ]),
    );
    const listParams = (
      res.body as { paths: Record<string, { get: { parameters: { name: string }[] } }> }
    ).paths['/v1/persons/{person_id}/postbox/items'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(listParams).toEqual(
      expect.arrayContaining([
        'filter[document_type]',
        'filter[created_at][min]',
        'filter[created_at][max]',
      ]),
    );
  });
});
