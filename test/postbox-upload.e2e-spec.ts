import { createHash, randomBytes } from 'node:crypto';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import pg from 'pg';
import {
  createStaff,
  createUser,
  type TestUser,
  createPerson,
  createBusiness,
} from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { runPdfTool } from './support/pdf-tools.js';
import { validationError } from './support/solaris-errors.js';

const ITEM_ID = /^[0-9a-f]{32}pbxi$/;
const DOCUMENT_ID = /^[0-9a-f]{32}pbxd$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** One part of a hand-built multipart body, so every part header is exactly what a client sends. */
interface Part {
  name: string;
  value: string | Buffer;
  contentType?: string;
  filename?: string;
}

function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----upload${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename ? `; filename="${part.filename}"` : '';
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}${type}\r\n\r\n`,
      ),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const filePart = (
  content: Buffer,
  filename = 'statement.pdf',
  contentType = 'application/pdf',
) => ({
  name: 'file',
  value: content,
  filename,
  contentType,
});

const jsonPart = (name: string, value: unknown): Part => ({
  name,
  value: JSON.stringify(value),
  contentType: 'application/json',
});

const textParts = (fields: Record<string, string>): Part[] =>
  Object.entries(fields).map(([name, value]) => ({ name, value }));

/** A one-page PDF as an office suite would export it (object streams, xref stream). */
async function onePagePdf(text = 'Account statement April 2023'): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage([595.28, 841.89]);
  page.drawText(text, { x: 56, y: 760, font: await document.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await document.save());
}

/** A PDF whose trailer declares standard-security encryption, as a password-protected export. */
async function encryptedPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  const { context } = document;
  context.trailerInfo.Encrypt = context.register(
    context.obj({
      Filter: 'Standard',
      V: 1,
      R: 2,
      O: PDFHexString.of('ab'.repeat(32)),
      U: PDFHexString.of('cd'.repeat(32)),
      P: -44,
    }),
  );
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(64),
]);

describe('Postbox upload as the Solaris docs describe it (multipart)', () => {
  let t: TestApp;
  let partner: TestUser;
  let db: pg.Client;
  let personId: string;
  let pdf: Buffer;

  const SOLARIS_FIELDS = {
    document_name: 'account_statement_01_04_2023_12365.pdf',
    document_description: 'Account statement April 2023',
    document_type: 'ACCOUNT_STATEMENT',
    document_date: '2023-04-01',
  };

  const upload = (parts: Part[], path = `/v1/persons/${personId}/postbox`) => {
    const { body, contentType } = multipart(parts);
    return t.http
      .post(path)
      .set('Authorization', partner.auth)
      .set('Content-Type', contentType)
      .send(body);
  };

  const download = (itemId: string) =>
    t.http
      .get(`/v1/postbox/items/${itemId}/document`)
      .set('Authorization', partner.auth)
      .responseType('blob');

  const itemRows = async () =>
    Number((await db.query('SELECT count(*) AS n FROM postbox_items')).rows[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    partner = await createUser(t.app);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    personId = await createPerson(t.http, partner.auth);
    pdf = await onePagePdf();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('takes separate parts with the Solaris names: document_name, document_description', async () => {
    const res = await upload([
      ...textParts({
        ...SOLARIS_FIELDS,
        customer_notification: 'true',
        customer_confirmation: 'false',
      }),
      filePart(pdf),
    ]).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(ITEM_ID),
      belongs_to: personId,
      owner_type: 'Person',
      created_at: expect.stringMatching(TIMESTAMP),
      document_date: '2023-04-01',
      document_type: 'ACCOUNT_STATEMENT',
      name: 'account_statement_01_04_2023_12365.pdf',
      description: 'Account statement April 2023',
      customer_notification: true,
      customer_confirmation: false,
      document_size: pdf.length,
      document_content_type: 'application/pdf',
      document_id: expect.stringMatching(DOCUMENT_ID),
      has_been_read: false,
      has_been_confirmed: false,
    });
    const bytes = (await download(res.body.id).expect(200)).body as Buffer;
    expect(sha256(bytes)).toBe(sha256(pdf));
  });

  it('takes the item details as one JSON metadata part, for a person and a business', async () => {
    const metadata = {
      ...SOLARIS_FIELDS,
      customer_notification: true,
      customer_confirmation: true,
      sign_document: false,
      description: null,
      unknown_key: 'ignored',
    };
    const res = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
    expect(res.body).toMatchObject({
      belongs_to: personId,
      owner_type: 'Person',
      document_date: '2023-04-01',
      document_type: 'ACCOUNT_STATEMENT',
      name: 'account_statement_01_04_2023_12365.pdf',
      description: 'Account statement April 2023',
      customer_notification: true,
      customer_confirmation: true,
      document_size: pdf.length,
      document_content_type: 'application/pdf',
    });
    expect(res.body).not.toHaveProperty('unknown_key');

    const businessId = await createBusiness(t.http, partner.auth);
    const business = await upload(
      // A metadata part without a Content-Type (plain text) is read as JSON all the same.
      [{ name: 'metadata', value: JSON.stringify({ ...SOLARIS_FIELDS }) }, filePart(pdf)],
      `/v1/businesses/${businessId}/postbox`,
    ).expect(201);
    expect(business.body).toMatchObject({ belongs_to: businessId, owner_type: 'Business' });
  });

  it('takes boolean parts sent as Content-Type: application/json', async () => {
    const res = await upload([
      ...textParts(SOLARIS_FIELDS),
      jsonPart('customer_notification', true),
      jsonPart('customer_confirmation', false),
      jsonPart('sign_document', false),
      filePart(pdf),
    ]).expect(201);
    expect(res.body).toMatchObject({
      customer_notification: true,
      customer_confirmation: false,
      document_size: pdf.length,
    });
    const other = await upload([
      ...textParts(SOLARIS_FIELDS),
      jsonPart('customer_notification', false),
      jsonPart('customer_confirmation', true),
      filePart(pdf),
    ]).expect(201);
    expect(other.body).toMatchObject({ customer_notification: false, customer_confirmation: true });
  });

  it('takes metadata and separate parts together when a detail given twice is equal', async () => {
    const res = await upload([
      jsonPart('metadata', { ...SOLARIS_FIELDS, customer_notification: true }),
      { name: 'customer_notification', value: 'true' },
      { name: 'document_type', value: 'ACCOUNT_STATEMENT' },
      filePart(pdf),
    ]).expect(201);
    expect(res.body).toMatchObject({ customer_notification: true });
  });

  it('accepts name/description and document_name/document_description when they agree', async () => {
    const res = await upload([
      ...textParts({
        ...SOLARIS_FIELDS,
        name: SOLARIS_FIELDS.document_name,
        description: SOLARIS_FIELDS.document_description,
      }),
      filePart(pdf),
    ]).expect(201);
    expect(res.body).toMatchObject({
      name: SOLARIS_FIELDS.document_name,
      description: SOLARIS_FIELDS.document_description,
    });
  });

  it.each([
    [{ name: 'Statement April' }, 'document_name', 'must equal name when both are given'],
    [
      { description: 'Another description' },
      'document_description',
      'must equal description when both are given',
    ],
  ])('rejects differing spellings %j with 400 naming the field', async (extra, field, message) => {
    const before = await itemRows();
    const parts = await upload([
      ...textParts({ ...SOLARIS_FIELDS, ...extra }),
      filePart(pdf),
    ]).expect(400);
    expect(parts.body).toEqual(validationError(parts, field, message));
    const inMetadata = await upload([
      jsonPart('metadata', { ...SOLARIS_FIELDS, ...extra }),
      filePart(pdf),
    ]).expect(400);
    expect(inMetadata.body).toEqual(validationError(inMetadata, field, message));
    expect(await itemRows()).toBe(before);
  });

  it.each(['document_type', 'document_date'] as const)(
    'requires %s, in metadata or as a part',
    async (field) => {
      const without: Partial<typeof SOLARIS_FIELDS> = { ...SOLARIS_FIELDS };
      delete without[field];
      const inMetadata = await upload([jsonPart('metadata', without), filePart(pdf)]).expect(400);
      expect(inMetadata.body).toEqual(
        validationError(inMetadata, field, 'This field is required.'),
      );
      const asParts = await upload([...textParts(without), filePart(pdf)]).expect(400);
      expect(asParts.body).toEqual(validationError(asParts, field, 'This field is required.'));
      const split = await upload([
        jsonPart('metadata', without),
        ...textParts({ [field]: SOLARIS_FIELDS[field] }),
        filePart(pdf),
      ]).expect(201);
      expect(split.body[field]).toBe(SOLARIS_FIELDS[field]);
    },
  );

  it('requires a name in either spelling', async () => {
    const withoutName: Partial<typeof SOLARIS_FIELDS> = { ...SOLARIS_FIELDS };
    delete withoutName.document_name;
    const res = await upload([jsonPart('metadata', withoutName), filePart(pdf)]).expect(400);
    expect(res.body).toEqual(validationError(res, 'document_name', 'This field is required.'));
  });

  it.each([
    ['{"document_type": "ACCOUNT_STATEMENT",', 'metadata', 'must be valid JSON'],
    ['', 'metadata', 'must be valid JSON'],
    ['["ACCOUNT_STATEMENT"]', 'metadata', 'must be a JSON object'],
    ['"ACCOUNT_STATEMENT"', 'metadata', 'must be a JSON object'],
    ['null', 'metadata', 'must be a JSON object'],
  ])('rejects the metadata %j with 400 on metadata', async (value, field, message) => {
    const res = await upload([
      { name: 'metadata', value, contentType: 'application/json' },
      filePart(pdf),
    ]).expect(400);
    expect(res.body).toEqual(validationError(res, field, message));
  });

  it.each([
    [{ document_type: 'account_statement' }, 'document_type'],
    [{ document_date: '2023-4-1' }, 'document_date'],
    [{ document_date: '2023-02-29' }, 'document_date'],
    [{ document_name: ' statement.pdf' }, 'document_name'],
    [{ document_description: 'April ' }, 'document_description'],
    [{ customer_notification: 'yes' }, 'customer_notification'],
    [{ sign_document: 1 }, 'sign_document'],
    [{ document_name: 12365 }, 'document_name'],
    [{ document_name: { nested: 'value' } }, 'document_name'],
    [{ idempotency_key: 42 }, null],
  ])('validates %j inside metadata like a separate part', async (override, field) => {
    const res = await upload([
      jsonPart('metadata', { ...SOLARIS_FIELDS, ...override }),
      filePart(pdf),
    ]).expect(400);
    if (field === null) {
      expect(res.body.errors[0]).toMatchObject({
        status: 400,
        code: 'idempotency_key_invalid',
        detail: 'idempotency_key must be a string.',
      });
      return;
    }
    for (const error of res.body.errors) {
      expect(error).toMatchObject({ status: 400, code: 'validation_error', source: { field } });
    }
    // The same value as a separate part gets the same answer.
    if (typeof Object.values(override)[0] === 'string') {
      const separate = await upload([
        ...textParts({ ...SOLARIS_FIELDS, ...(override as Record<string, string>) }),
        filePart(pdf),
      ]).expect(400);
      expect(separate.body.errors[0].source).toEqual(res.body.errors[0].source);
    }
  });

  it('rejects a detail given in metadata and as a separate part with different values', async () => {
    const res = await upload([
      jsonPart('metadata', SOLARIS_FIELDS),
      { name: 'document_date', value: '2023-04-02' },
      filePart(pdf),
    ]).expect(400);
    expect(res.body).toEqual(
      validationError(
        res,
        'document_date',
        'is given both in metadata and as a separate part, with different values',
      ),
    );
  });

  describe('sign_document', () => {
    it('signs an uploaded PDF: the stored document passes pdfsig, document_size is its size', async () => {
      const res = await upload([
        jsonPart('metadata', { ...SOLARIS_FIELDS, sign_document: true }),
        filePart(pdf),
      ]).expect(201);
      const signed = (await download(res.body.id).expect(200)).body as Buffer;
      expect(res.body.document_size).toBe(signed.length);
      expect(res.body.document_content_type).toBe('application/pdf');
      expect(signed.length).toBeGreaterThan(pdf.length);

      const info = await runPdfTool('pdfinfo', signed);
      expect(info.code).toBe(0);
      expect(info.stdout).toMatch(/^Pages:\s+1$/m);
      const text = await runPdfTool('pdftotext', signed);
      expect(text.stdout).toContain('Account statement April 2023');
      const signature = await runPdfTool('pdfsig', signed);
      expect(signature.code).toBe(0);
      expect(signature.stdout).toContain('Signature #1');
      expect(signature.stdout).toContain('Signature Validation: Signature is Valid.');
      expect(signature.stdout).toContain('Total document signed');
      expect(signature.stdout).not.toContain('Signature #2');

      const { rows } = await db.query(
        'SELECT d.signed, f.size::int AS size, f.sha256 FROM postbox_documents d JOIN stored_files f ON f.id = d.file_id WHERE d.id = $1',
        [res.body.document_id],
      );
      expect(rows).toEqual([{ signed: true, size: signed.length, sha256: sha256(signed) }]);
    });

    it('signs with sign_document as a separate part (text or JSON)', async () => {
      for (const part of [
        { name: 'sign_document', value: 'true' },
        jsonPart('sign_document', true),
      ]) {
        const res = await upload([...textParts(SOLARIS_FIELDS), part, filePart(pdf)]).expect(201);
        const signed = (await download(res.body.id).expect(200)).body as Buffer;
        expect(signed.length).toBe(res.body.document_size);
        const signature = await runPdfTool('pdfsig', signed);
        expect(signature.stdout).toContain('Signature Validation: Signature is Valid.');
      }
    });

    it('rejects sign_document: true on a PNG with 400 on sign_document, creating nothing', async () => {
      const before = await itemRows();
      const res = await upload([
        jsonPart('metadata', { ...SOLARIS_FIELDS, sign_document: true }),
        filePart(png, 'scan.png', 'image/png'),
      ]).expect(400);
      expect(res.body).toEqual(
        validationError(res, 'sign_document', 'can only be true for a PDF document'),
      );
      expect(await itemRows()).toBe(before);
      await upload([
        jsonPart('metadata', { ...SOLARIS_FIELDS, sign_document: false }),
        filePart(png, 'scan.png', 'image/png'),
      ]).expect(201);
    });

    it('rejects PDFs the signer cannot process with 400 on file, never 500', async () => {
      const signedRes = await upload([
        jsonPart('metadata', { ...SOLARIS_FIELDS, sign_document: true }),
        filePart(pdf),
      ]).expect(201);
      const alreadySigned = (await download(signedRes.body.id).expect(200)).body as Buffer;
      const cases: [Buffer, string][] = [
        [await encryptedPdf(), 'is an encrypted PDF, which cannot be signed'],
        [alreadySigned, 'already carries a PDF signature, which signing again would invalidate'],
        [
          Buffer.from('%PDF-1.7\nthis is not a PDF at all\n'),
          'is a malformed PDF, which cannot be signed',
        ],
        [pdf.subarray(0, Math.floor(pdf.length / 2)), 'is a malformed PDF, which cannot be signed'],
        [
          Buffer.from(
            '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
          ),
          'is a PDF without pages, which cannot be signed',
        ],
      ];
      const before = await itemRows();
      for (const [content, message] of cases) {
        const res = await upload([
          jsonPart('metadata', { ...SOLARIS_FIELDS, sign_document: true }),
          filePart(content),
        ]).expect(400);
        expect(res.body).toEqual(validationError(res, 'file', message));
        // Unsigned, the same bytes are stored as they are.
        await upload([jsonPart('metadata', SOLARIS_FIELDS), filePart(content)]).expect(201);
      }
      expect(await itemRows()).toBe(before + cases.length);
    });
  });

  describe('with SANDBOX=false and no signing certificate', () => {
    let production: TestApp;
    let staff: TestUser;

    beforeAll(async () => {
      staff = await createStaff(t.app);
      production = await createTestApp({
        databaseUrl: t.databaseUrl,
        config: { sandbox: false },
      });
    });
    afterAll(() => production.close());

    it('refuses sign_document: true with 400 on sign_document, and stores unsigned uploads', async () => {
      const send = (metadata: object) => {
        const { body, contentType } = multipart([jsonPart('metadata', metadata), filePart(pdf)]);
        return production.http
          .post(`/v1/persons/${personId}/postbox`)
          .set('Authorization', staff.auth)
          .set('Content-Type', contentType)
          .send(body);
      };
      const res = await send({ ...SOLARIS_FIELDS, sign_document: true }).expect(400);
      expect(res.body).toEqual(
        validationError(
          res,
          'sign_document',
          'cannot be true: document signing is not configured on this service',
        ),
      );
      const unsigned = await send(SOLARIS_FIELDS).expect(201);
      expect(unsigned.body).toMatchObject({ document_size: pdf.length, belongs_to: personId });
    });
  });

  describe('idempotency_key inside metadata', () => {
    it('replays the first item for the same key: one row, Idempotent-Replayed: true', async () => {
      const metadata = { ...SOLARIS_FIELDS, idempotency_key: 'metadata-key-0001' };
      const before = await itemRows();
      const first = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await itemRows()).toBe(before + 1);
      const { rows } = await db.query(
        "SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'metadata-key-0001'",
      );
      expect(rows).toEqual([{ n: 1 }]);
    });

    it('is the same key as the Idempotency-Key header, and conflicts with a different one', async () => {
      const metadata = { ...SOLARIS_FIELDS, idempotency_key: 'metadata-key-0002' };
      const first = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      const { body, contentType } = multipart([jsonPart('metadata', metadata), filePart(pdf)]);
      const byHeader = await t.http
        .post(`/v1/persons/${personId}/postbox`)
        .set('Authorization', partner.auth)
        .set('Content-Type', contentType)
        .set('Idempotency-Key', 'metadata-key-0002')
        .send(body)
        .expect(201);
      expect(byHeader.headers['idempotent-replayed']).toBe('true');
      expect(byHeader.body.id).toBe(first.body.id);
      const mismatch = await t.http
        .post(`/v1/persons/${personId}/postbox`)
        .set('Authorization', partner.auth)
        .set('Content-Type', contentType)
        .set('Idempotency-Key', 'another-key')
        .send(body)
        .expect(400);
      expect(mismatch.body.errors[0]).toMatchObject({ code: 'idempotency_key_invalid' });
    });

    it('answers 422 when the key comes back with other details or another file', async () => {
      const metadata = { ...SOLARIS_FIELDS, idempotency_key: 'metadata-key-0003' };
      await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      const otherName = await upload([
        jsonPart('metadata', { ...metadata, document_name: 'other.pdf' }),
        filePart(pdf),
      ]).expect(422);
      expect(otherName.body.errors[0]).toMatchObject({ code: 'idempotency_key_reused' });
      await upload([
        jsonPart('metadata', metadata),
        filePart(await onePagePdf('Another statement')),
      ]).expect(422);
    });

    it('replays a signed upload without signing again', async () => {
      const metadata = {
        ...SOLARIS_FIELDS,
        sign_document: true,
        idempotency_key: 'metadata-key-0004',
      };
      const first = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      const again = await upload([jsonPart('metadata', metadata), filePart(pdf)]).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
    });
  });

  it('documents both forms of the multipart body in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    for (const path of [
      '/v1/persons/{person_id}/postbox',
      '/v1/businesses/{business_id}/postbox',
    ]) {
      const content = res.body.paths[path].post.requestBody.content['multipart/form-data'];
      expect(content.encoding).toEqual({ metadata: { contentType: 'application/json' } });
      expect(content.schema.required).toEqual(['file']);
      expect(Object.keys(content.schema.properties)).toEqual([
        'file',
        'metadata',
        'document_name',
        'document_description',
        'document_type',
        'document_date',
        'customer_notification',
        'customer_confirmation',
        'sign_document',
        'idempotency_key',
        'name',
        'description',
      ]);
      expect(content.schema.properties.metadata).toMatchObject({
        type: 'object',
        example: expect.objectContaining({ document_name: SOLARIS_FIELDS.document_name }),
      });
      expect(Object.keys(content.schema.properties.metadata.properties)).toContain('sign_document');
    }
  });
});
