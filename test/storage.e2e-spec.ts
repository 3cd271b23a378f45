import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { CHUNK_BYTES } from '../src/common/storage/file-storage.service.js';
import { createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { DocumentsTestModule } from './support/documents.module.js';

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('document storage', () => {
  let t: TestApp;
  let user: TestUser;
  const maxUploadMb = 2;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [DocumentsTestModule],
      config: { maxUploadBytes: maxUploadMb * 1024 * 1024 },
    });
    user = await createUser(t.app);
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, filename = 'scan.pdf', contentType = 'application/pdf') =>
    t.http
      .post('/api/test-documents/')
      .set('Authorization', user.auth)
      .attach('file', content, { filename, contentType });

  it('stores a multi-chunk PDF and streams back the exact bytes with safe headers', async () => {
    const content = pdf(CHUNK_BYTES * 3 + 12345);
    const res = await upload(content, '../../etc/passwd').expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      size: content.length,
      sha256: sha256(content),
      content_type: 'application/pdf',
      file_name: 'passwd',
    });

    const download = await t.http
      .get(`/api/test-documents/${res.body.id}`)
      .set('Authorization', user.auth)
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="Ausweis M?ller.pdf"; filename*=UTF-8''Ausweis%20M%C3%BCller.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });

    const client = new pg.Client(t.databaseUrl);
    await client.connect();
    const chunks = await client.query(
      'SELECT count(*)::int AS n FROM stored_file_chunks WHERE file_id = $1',
      [res.body.id],
    );
    await client.end();
    expect(chunks.rows[0].n).toBe(4);
  });

  it.each([
    [
      'image/png',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(100),
      ]),
    ],
    ['image/jpeg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100)])],
  ])('detects %s by content whatever the client claims', async (type, content) => {
    const res = await upload(content, 'photo.pdf', 'application/pdf').expect(201);
    expect(res.body.content_type).toBe(type);
  });

  it('rejects HTML named .pdf with 415, whatever the Content-Type', async () => {
    const res = await upload(
      Buffer.from('<html><script>alert(1)</script></html>'),
      'invoice.pdf',
    ).expect(415);
    expect(res.body).toEqual({ detail: 'Only PDF, PNG and JPEG documents are accepted.' });
  });

  it('rejects a file shorter than any signature with 415', async () => {
    await upload(Buffer.from('%PD'), 'tiny.pdf').expect(415);
  });

  it('rejects an empty file and a missing file with 400', async () => {
    const empty = await upload(Buffer.alloc(0), 'empty.pdf').expect(400);
    expect(empty.body).toEqual({ file: ['The submitted file is empty.'] });
    const missing = await t.http
      .post('/api/test-documents/')
      .set('Authorization', user.auth)
      .field('note', 'no file')
      .expect(400);
    expect(missing.body).toEqual({ file: ['No file was submitted.'] });
    const json = await t.http
      .post('/api/test-documents/')
      .set('Authorization', user.auth)
      .send({ file: 'x' })
      .expect(400);
    expect(json.body).toEqual({ file: ['No file was submitted.'] });
  });

  it('accepts exactly MAX_UPLOAD_MB and rejects one byte more with 413', async () => {
    const limit = maxUploadMb * 1024 * 1024;
    await upload(pdf(limit)).expect(201);
    const res = await upload(pdf(limit + 1)).expect(413);
    expect(res.body).toEqual({ detail: 'File too large' });
  });

  it('rejects a second file part with 400', async () => {
    await t.http
      .post('/api/test-documents/')
      .set('Authorization', user.auth)
      .attach('file', pdf(100), 'a.pdf')
      .attach('file', pdf(100), 'b.pdf')
      .expect(400);
  });

  it('needs authentication before reading any of the body', async () => {
    await t.http.post('/api/test-documents/').attach('file', pdf(100), 'a.pdf').expect(401);
  });
});
