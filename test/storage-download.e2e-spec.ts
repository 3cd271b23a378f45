import { createHash, randomBytes } from 'node:crypto';
import type { Response } from 'express';
import pg from 'pg';
import { ModelNotFoundError } from '../src/common/errors/api-error.js';
import { CHUNK_BYTES, FileStorage } from '../src/common/storage/file-storage.service.js';
import { createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import { DocumentsTestModule } from './support/documents.module.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Far more chunks than a stream buffers ahead, so most are read after the test's changes. */
const CHUNKS = 40;

/** Downloads are read in a snapshot transaction bound to the stream (FileStorage.download). */
describe('document downloads', () => {
  let t: TestApp;
  let user: TestUser;
  let storage: FileStorage;
  let db: pg.Client;
  const response = { setHeader: () => undefined } as unknown as Response;

  beforeAll(async () => {
    t = await createTestApp({ imports: [DocumentsTestModule] });
    user = await createUser(t.app);
    storage = t.app.get(FileStorage);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const stored = async () => {
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(CHUNKS * CHUNK_BYTES)]);
    return { content, file: await storage.storeBuffer(content, 'application/pdf') };
  };
  /** Download transactions still open: idle in a transaction after reading chunks. */
  const openDownloads = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND state LIKE 'idle in transaction%'
           AND query LIKE '%stored_file_chunks%' AND pid <> pg_backend_pid()`,
      )
    ).rows[0].n;
  /** The stream's close ends the transaction a moment after the last byte. */
  const settledDownloads = async () => {
    for (let i = 0; i < 50 && (await openDownloads()) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return openDownloads();
  };

  it('sends the whole file as it was when it is changed and deleted during the download', async () => {
    const { content, file } = await stored();
    const body = (await storage.download(response, file, 'scan.pdf')).getStream();
    const reader = body[Symbol.asyncIterator]();
    const first = await reader.next();

    await db.query(`UPDATE stored_file_chunks SET data = '\\x00'::bytea WHERE file_id = $1`, [
      file.id,
    ]);
    await db.query('DELETE FROM stored_file_chunks WHERE file_id = $1 AND seq >= $2', [
      file.id,
      CHUNKS / 2,
    ]);
    await db.query('DELETE FROM stored_files WHERE id = $1', [file.id]);

    const pieces = [first.value as Buffer];
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      pieces.push(next.value as Buffer);
    }
    const received = Buffer.concat(pieces);
    expect(received.length).toBe(content.length);
    expect(sha256(received)).toBe(sha256(content));
    expect(await settledDownloads()).toBe(0);
  });

  it('answers 404, not a short body, when the file is gone before the download starts', async () => {
    const { file } = await stored();
    await db.query('DELETE FROM stored_files WHERE id = $1', [file.id]);
    await expect(storage.download(response, file, 'scan.pdf')).rejects.toBeInstanceOf(
      ModelNotFoundError,
    );
    await expect(storage.download(response, file, 'scan.pdf')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers 404 when the id now holds other content than the caller looked up', async () => {
    const { file } = await stored();
    await expect(
      storage.download(response, { ...file, sha256: sha256(Buffer.from('other')) }, 'scan.pdf'),
    ).rejects.toBeInstanceOf(ModelNotFoundError);
  });

  it('ends the transaction with the stream, also when the client goes away mid-download', async () => {
    const { file } = await stored();
    const body = (await storage.download(response, file, 'scan.pdf')).getStream();
    await body[Symbol.asyncIterator]().next();
    expect(await openDownloads()).toBe(1);
    body.destroy();
    expect(await settledDownloads()).toBe(0);
  });

  it('streams a download over HTTP byte for byte', async () => {
    const { content, file } = await stored();
    const res = await t.http
      .get(`/api/test-documents/${file.id}`)
      .set('Authorization', user.auth)
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
    expect(await settledDownloads()).toBe(0);
  });
});
