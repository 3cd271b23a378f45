import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  type ApiObject,
  auditOf,
  HEX32,
  ISO_DATE,
  justify,
  startVerification,
  useWaldurContract,
} from './support/onboarding.js';

const MAX_UPLOAD_MB = 1;
const LIMIT = MAX_UPLOAD_MB * 1024 * 1024;

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(bytes - 9)]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(64),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);

describe('onboarding justification documents', () => {
  let t: TestApp;
  let db: pg.Client;
  let owner: TestUser;
  let other: TestUser;
  let staff: TestUser;
  let support: TestUser;
  let justification: ApiObject;

  beforeAll(async () => {
    process.env.MAX_UPLOAD_MB = String(MAX_UPLOAD_MB);
    try {
      t = await createTestApp();
    } finally {
      delete process.env.MAX_UPLOAD_MB;
    }
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    owner = await createUser(t.app);
    other = await createUser(t.app);
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
  });
  beforeEach(async () => {
    justification = await justify(t, owner, (await startVerification(t, owner)).uuid);
  });
  useWaldurContract('onboarding documents', () => t);
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const attach = (
    who: TestUser,
    content: Buffer,
    filename = 'authorization_letter.pdf',
    contentType = 'application/pdf',
    uuid = justification.uuid,
  ) =>
    t.http
      .post(`/api/onboarding-justifications/${uuid}/attach_document/`)
      .set('Authorization', who.auth)
      .attach('file', content, { filename, contentType });
  const download = (who: TestUser, url: string) =>
    t.http.get(new URL(url).pathname).set('Authorization', who.auth).responseType('blob');
  const documentRows = async (justificationUuid: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM onboarding_justification_documents WHERE justification_id = $1',
        [justificationUuid],
      )
    ).rows[0].n;
  const storedFiles = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stored_files')).rows[0].n;

  it('attaches documents (upstream test_attach_documents_to_justification)', async () => {
    const letter = pdf(5000);
    const res = await attach(owner, letter).expect(200);
    expect(res.body).toEqual({
      uuid: expect.stringMatching(HEX32),
      file: `${t.baseUrl}/api/onboarding-justification-documents/${res.body.uuid}/download/`,
      file_name: 'authorization_letter.pdf',
      file_size: letter.length,
      created: expect.stringMatching(ISO_DATE),
    });
    expect(await documentRows(justification.uuid)).toBe(1);
    const second = await attach(owner, pdf(100), 'email_confirmation.pdf').expect(200);
    expect(await documentRows(justification.uuid)).toBe(2);

    const shown = await t.http
      .get(`/api/onboarding-justifications/${justification.uuid}/`)
      .set('Authorization', owner.auth)
      .expect(200);
    expect(shown.body.supporting_documentation).toEqual([second.body, res.body]);
    expect((await auditOf(t, staff, justification.uuid)).at(-1)).toMatchObject({
      action: 'justification.document_attached',
      actor_uuid: owner.user.id.replace(/-/g, ''),
      after: {
        document_uuid: second.body.uuid,
        file_name: 'email_confirmation.pdf',
        file_size: 100,
        content_type: 'application/pdf',
      },
    });
  });

  it('downloads the exact bytes with safe headers', async () => {
    const content = pdf(300_000);
    const { body } = await attach(owner, content, 'extract.pdf').expect(200);
    const res = await download(owner, body.file).expect(200);
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': 'attachment; filename=extract.pdf',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
  });

  it.each([
    ['image/png', png, 'scan.png'],
    ['image/jpeg', jpeg, 'photo.jpg'],
  ])('accepts %s by its content', async (type, content, name) => {
    const { body } = await attach(owner, content, name, 'application/octet-stream').expect(200);
    const res = await download(staff, body.file).expect(200);
    expect(res.headers['content-type']).toBe(type);
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
  });

  it('refuses a .pdf-named HTML file with 415, whatever the client claims', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await attach(owner, html, 'invoice.pdf', 'application/pdf').expect(415, {
      detail: 'Only PDF, PNG and JPEG documents are accepted.',
    });
    expect(await documentRows(justification.uuid)).toBe(0);
  });

  it('refuses an empty or a missing file with 400', async () => {
    await attach(owner, Buffer.alloc(0), 'empty.pdf').expect(400, {
      file: ['The submitted file is empty.'],
    });
    await t.http
      .post(`/api/onboarding-justifications/${justification.uuid}/attach_document/`)
      .set('Authorization', owner.auth)
      .field('note', 'no file')
      .expect(400, { file: ['No file was submitted.'] });
    expect(await documentRows(justification.uuid)).toBe(0);
  });

  it('accepts exactly MAX_UPLOAD_MB and refuses one byte more with 413', async () => {
    const before = await storedFiles();
    await attach(owner, pdf(LIMIT + 1), 'big.pdf').expect(413);
    expect(await storedFiles()).toBe(before);
    const res = await attach(owner, pdf(LIMIT), 'limit.pdf').expect(200);
    expect(res.body.file_size).toBe(LIMIT);
  });

  it('keeps a path-like file name only as a sanitized name', async () => {
    const { body } = await attach(owner, pdf(200), '../../etc/passwd').expect(200);
    expect(body.file_name).toBe('passwd');
    const res = await download(owner, body.file).expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=passwd');
  });

  it('lets staff attach, but not support; others get 404', async () => {
    await attach(staff, pdf(100)).expect(200);
    await attach(support, pdf(100)).expect(403, {
      detail: 'You do not have permission to perform this action.',
    });
    await attach(other, pdf(100)).expect(404, { detail: 'Not found.' });
    await attach(owner, pdf(100), 'x.pdf', 'application/pdf', 'c'.repeat(32)).expect(404);
    expect(await documentRows(justification.uuid)).toBe(1);
  });

  it('refuses documents once the justification is decided', async () => {
    await t.http
      .post(`/api/onboarding-justifications/${justification.uuid}/approve/`)
      .set('Authorization', staff.auth)
      .send({})
      .expect(200);
    await attach(owner, pdf(100)).expect(409, {
      detail: 'Documents can only be attached to a pending justification.',
    });
  });

  describe('download access (upstream OnboardingDocumentationMediaAccessTest)', () => {
    let url: string;
    beforeEach(async () => {
      url = (await attach(owner, pdf(1000), 'justification.pdf').expect(200)).body.file;
    });

    it('anonymous callers get 401', async () => {
      await t.http.get(new URL(url).pathname).expect(401);
    });

    it('an unrelated user gets 404', async () => {
      await download(other, url).expect(404);
    });

    it.each([
      ['the owner', () => owner],
      ['staff', () => staff],
      ['support', () => support],
    ])('%s can download', async (_who, who) => {
      await download(who(), url).expect(200);
    });

    it('an unknown or malformed document is 404', async () => {
      const unknown = `${t.baseUrl}/api/onboarding-justification-documents/${'d'.repeat(32)}/download/`;
      const res = await download(staff, unknown).expect(404);
      expect(JSON.parse((res.body as Buffer).toString())).toEqual({ detail: 'Not found.' });
      await t.http
        .get('/api/onboarding-justification-documents/nope/download/')
        .set('Authorization', staff.auth)
        .expect(404);
    });
  });

  it('removes the stored files with the justification and with the verification', async () => {
    await attach(owner, pdf(100)).expect(200);
    await attach(owner, pdf(100)).expect(200);
    const before = await storedFiles();
    await t.http
      .delete(`/api/onboarding-justifications/${justification.uuid}/`)
      .set('Authorization', owner.auth)
      .expect(204);
    expect(await storedFiles()).toBe(before - 2);

    const verification = await startVerification(t, owner);
    const next = await justify(t, owner, verification.uuid);
    await attach(owner, pdf(100), 'a.pdf', 'application/pdf', next.uuid).expect(200);
    await t.http
      .delete(`/api/onboarding-verifications/${verification.uuid}/`)
      .set('Authorization', owner.auth)
      .expect(204);
    expect(await storedFiles()).toBe(before - 2);
  });

  it('replays an upload with the same Idempotency-Key and stores it once', async () => {
    const content = pdf(2000);
    const key = `attach-${justification.uuid}`;
    const first = await attach(owner, content).set('Idempotency-Key', key).expect(200);
    const again = await attach(owner, content).set('Idempotency-Key', key).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await documentRows(justification.uuid)).toBe(1);
    await attach(owner, pdf(2000)).set('Idempotency-Key', key).expect(422);
  });
});
