import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import {
  call,
  createApiUser,
  Database,
  newAdminToken,
  scratchDir,
  ServiceProcess,
  sleep,
} from '../support/service-process.js';
import { pendingJustification } from './onboarding.js';

/**
 * `kill -9` of a service process while it receives an upload, while it writes one into the
 * database, and while it approves justifications. After a restart nothing half-done is left (no
 * partial rows, no file without an owner, no staged upload, no key stuck as started) and the
 * client's retry with the same key completes.
 */

const BOUNDARY = 'killBoundary';
/** What a request the kill cut off resolves to (its socket closed without an answer). */
const CUT_OFF = 'cut off';

/** A PDF of about `size` bytes (a valid header and trailer around filler). */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%');
  const tail = Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  return Buffer.concat([head, Buffer.alloc(size, 'x'), tail]);
}

function multipartOf(file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="extract.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** Starts an upload and sends only `sent` bytes of its body; the request and its outcome. */
function partialUpload(
  baseUrl: string,
  path: string,
  token: string,
  key: string,
  body: Buffer,
  sent: number,
) {
  const url = new URL(path, baseUrl);
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      Authorization: `Token ${token}`,
      'Idempotency-Key': key,
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
      'Content-Length': String(body.length),
    },
  });
  const outcome = new Promise<string>((resolve) => {
    req.on('response', (res) => resolve(`status ${res.statusCode}`));
    req.on('error', (error) => resolve(`error ${error.message}`));
  });
  req.write(body.subarray(0, sent));
  return { req, outcome };
}

async function upload(baseUrl: string, path: string, token: string, key: string, body: Buffer) {
  const res = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: {
      Authorization: `Token ${token}`,
      'Idempotency-Key': key,
      'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Retries a keyed request while its key is still held (409), as a client following Retry-After. */
async function settle<T extends { status: number }>(send: () => Promise<T>): Promise<T> {
  let res = await send();
  for (let attempt = 0; res.status === 409 && attempt < 100; attempt++) {
    await sleep(100);
    res = await send();
  }
  return res;
}

describe('kill -9 of a service process', () => {
  let database: Database;
  let service: ServiceProcess;
  let db: pg.Client;
  let uploadsTmp: string;
  const admin = newAdminToken();

  const start = () =>
    ServiceProcess.start({
      databaseUrl: database.url,
      adminToken: admin,
      // Its own temp directory, so the staged uploads it leaves can be listed.
      env: { TMPDIR: uploadsTmp },
    });

  beforeAll(async () => {
    database = await Database.start();
    uploadsTmp = await scratchDir('reliability-tmp-');
    service = await start();
    db = new pg.Client(database.url);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await database?.destroy();
  });

  /** Files no row refers to, found through every foreign key that points at stored_files. */
  async function orphanFiles(): Promise<number> {
    const { rows: refs } = await db.query<{ table: string; column: string }>(`
      SELECT cl.relname AS table, att.attname AS column
      FROM pg_constraint con
      JOIN pg_class cl ON cl.oid = con.conrelid
      JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
      WHERE con.contype = 'f' AND con.confrelid = 'stored_files'::regclass
        AND cl.relname <> 'stored_file_chunks'`);
    expect(refs.length).toBeGreaterThan(0);
    const unreferenced = refs
      .map((ref) => `NOT EXISTS (SELECT 1 FROM "${ref.table}" r WHERE r."${ref.column}" = f.id)`)
      .join(' AND ');
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stored_files f WHERE ${unreferenced}`,
    );
    return rows[0].n;
  }

  const startedKeys = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE status = 'started'`,
      )
    ).rows[0].n;

  /** Files staged by any process, alive or dead (each stages under its own PID). */
  async function stagedUploads(): Promise<number> {
    const root = join(uploadsTmp, 'compliance-uploads');
    const dirs = await readdir(root).catch(() => []);
    const files = await Promise.all(dirs.map((dir) => readdir(join(root, dir))));
    return files.flat().length;
  }

  /** Waits until some transaction of the service holds an idempotency key's advisory lock. */
  async function untilKeyLocked(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted`,
      );
      if (rows[0].n > 0) return;
      await sleep(2);
    }
    throw new Error('no request reached its transaction');
  }

  async function restart(): Promise<void> {
    await service.kill();
    service = await start();
  }

  async function expectClean(): Promise<void> {
    expect(await orphanFiles()).toBe(0);
    expect(await startedKeys()).toBe(0);
    expect(await stagedUploads()).toBe(0);
  }

  it('leaves nothing behind when killed while an upload streams in, and the retry completes', async () => {
    const applicant = await createApiUser(service.baseUrl, admin);
    const justification = await pendingJustification([service], applicant.token);
    const path = `/api/onboarding-justifications/${justification}/attach_document/`;
    const file = pdfOf(4 * 1024 * 1024);
    const body = multipartOf(file);
    const key = randomUUID();

    const partial = partialUpload(
      service.baseUrl,
      path,
      applicant.token,
      key,
      body,
      body.length / 2,
    );
    // The first half is on the server's disk before the kill.
    const deadline = Date.now() + 10_000;
    while ((await stagedUploads()) === 0 && Date.now() < deadline) await sleep(10);
    expect(await stagedUploads()).toBe(1);
    await restart();
    expect(await partial.outcome).toMatch(/^error /);
    partial.req.destroy();

    await expectClean();
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM onboarding_justification_documents`,
    );
    expect(rows[0].n).toBe(0);

    const retried = await settle(() => upload(service.baseUrl, path, applicant.token, key, body));
    expect(retried.status).toBe(200);
    const replay = await upload(service.baseUrl, path, applicant.token, key, body);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.text).toBe(retried.text);

    const download = await fetch(JSON.parse(retried.text).file, {
      headers: { Authorization: `Token ${applicant.token}` },
    });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      createHash('sha256').update(file).digest('hex'),
    );
    await expectClean();
  });

  it('leaves nothing behind when killed while an upload is written to the database', async () => {
    const applicant = await createApiUser(service.baseUrl, admin);
    const justification = await pendingJustification([service], applicant.token);
    const path = `/api/onboarding-justifications/${justification}/attach_document/`;
    const body = multipartOf(pdfOf(15 * 1024 * 1024));
    const key = randomUUID();

    const inFlight = upload(service.baseUrl, path, applicant.token, key, body).catch(() => CUT_OFF);
    await untilKeyLocked();
    await restart();
    expect(await inFlight).toBe(CUT_OFF);

    await expectClean();
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM onboarding_justification_documents d
       JOIN onboarding_justifications j ON j.id = d.justification_id
       WHERE j.id::text = $1 OR replace(j.id::text, '-', '') = $1`,
      [justification],
    );
    expect(rows[0].n).toBe(0);

    const retried = await settle(() => upload(service.baseUrl, path, applicant.token, key, body));
    expect(retried.status).toBe(200);
    await expectClean();
  });

  it('leaves every approval whole or absent when killed mid-approve, and the retries complete', async () => {
    const applicant = await createApiUser(service.baseUrl, admin);
    const reviewer = await createApiUser(service.baseUrl, admin, { staff: true });
    const justifications: string[] = [];
    for (let n = 0; n < 40; n++) {
      justifications.push(await pendingJustification([service], applicant.token));
    }
    const keys = justifications.map(() => randomUUID());
    const approve = (n: number) =>
      call(
        service.baseUrl,
        'POST',
        `/api/onboarding-justifications/${justifications[n]}/approve/`,
        {
          token: reviewer.token,
          headers: { 'Idempotency-Key': keys[n] },
          body: { staff_notes: `Approved ${n}` },
        },
      );

    const inFlight = justifications.map((_, n) => approve(n).catch(() => CUT_OFF));
    await untilKeyLocked();
    await restart();
    const outcomes = await Promise.all(inFlight);
    // Some approvals were cut off by the kill.
    expect(outcomes.filter((outcome) => outcome === CUT_OFF).length).toBeGreaterThan(0);

    // Each justification is decided with its audit row, verification and finished key, or not at
    // all: the transaction is all or nothing.
    const { rows } = await db.query<{
      decision: string;
      status: string;
      audits: number;
      keys: number;
    }>(
      `SELECT j.validation_decision AS decision, v.status,
              (SELECT count(*)::int FROM audit_events a
                WHERE a.action = 'justification.approved' AND a.object_id = j.id::text) AS audits,
              (SELECT count(*)::int FROM idempotency_keys k
                WHERE k.key = ANY($2)) AS keys
       FROM onboarding_justifications j JOIN onboarding_verifications v ON v.id = j.verification_id
       WHERE replace(j.id::text, '-', '') = ANY($1)`,
      [justifications, keys],
    );
    expect(rows).toHaveLength(justifications.length);
    const decided = rows.filter((row) => row.decision === 'approved');
    for (const row of rows) {
      if (row.decision === 'approved') expect([row.status, row.audits]).toEqual(['verified', 1]);
      else expect([row.decision, row.status, row.audits]).toEqual(['pending', 'escalated', 0]);
    }
    expect(rows[0].keys).toBe(decided.length);
    expect(await startedKeys()).toBe(0);

    const retried = await Promise.all(justifications.map((_, n) => settle(() => approve(n))));
    for (const res of retried) expect(res.status).toBe(200);
    const { rows: after } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'justification.approved'
         AND replace(object_id, '-', '') = ANY($1)`,
      [justifications],
    );
    expect(after[0].n).toBe(justifications.length);
    expect(await startedKeys()).toBe(0);
  });
});
