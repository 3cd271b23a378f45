import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  call,
  createApiUser,
  Database,
  freePort,
  newAdminToken,
  ServiceProcess,
  sleep,
} from '../../test/support/service-process.js';

/**
 * What the load benchmarks share: an embedded PostgreSQL, the compiled service as its own process
 * (default LOG_LEVEL info, its log written to /dev/null), seeded rows, the baseline server, and
 * the measured requests. Everything on 127.0.0.1.
 */

export const ITEMS = 1_000;
export const JUSTIFICATIONS = 10_000;
/** Persons of the partner who sign the T&C document in turn (see the T&C scenario). */
export const SIGNERS = 2_000;

export interface Stack {
  database: Database;
  service: ServiceProcess;
  token: string;
  itemIds: string[];
  /** A DIGITAL_BANKING T&C document, registered by the staff user `admin`. */
  termsDocumentId: string;
  /** SIGNERS persons of the partner. */
  signerIds: string[];
  close(): Promise<void>;
}

export async function startStack(
  options: { serviceEnv?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Stack> {
  const database = await Database.start();
  const admin = newAdminToken();
  const service = await ServiceProcess.start({
    databaseUrl: database.url,
    adminToken: admin,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ...options.serviceEnv },
    nodeArgs: options.nodeArgs,
    captureOutput: false,
  });
  const partner = await createApiUser(service.baseUrl, admin);
  const { itemIds, signerIds } = await seed(database.url, partner.uuid);
  const document = await call(service.baseUrl, 'POST', '/v1/terms_and_conditions_documents', {
    token: admin,
    body: { name: 'Bench T&C', product_name: 'DIGITAL_BANKING', version: 'bench' },
  });
  if (document.status !== 201) {
    throw new Error(`T&C document: ${document.status} ${document.text}`);
  }
  return {
    database,
    service,
    token: partner.token,
    itemIds,
    termsDocumentId: (document.body as { id: string }).id,
    signerIds,
    close: async () => {
      await service.stop();
      await database.destroy();
    },
  };
}

/** Postbox items, justifications and signers of the partner, written in a few statements. */
async function seed(
  url: string,
  partnerHex: string,
): Promise<{ itemIds: string[]; signerIds: string[] }> {
  const db = new pg.Client(url);
  await db.connect();
  try {
    const partner = partnerHex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    await db.query(
      `INSERT INTO persons (id, partner_id, first_name, last_name, created_at, updated_at)
       VALUES (md5('bench-person') || 'cper', $1, 'Bench', 'Owner', now(), now())`,
      [partner],
    );
    const [file] = (
      await db.query<{ id: string }>(
        `INSERT INTO stored_files (content_type, size, sha256)
         VALUES ('application/pdf', 9, repeat('0', 64)) RETURNING id`,
      )
    ).rows;
    await db.query(
      `INSERT INTO postbox_documents (id, partner_id, document_type, document_date, file_id)
       VALUES (md5('bench-document') || 'pbxd', $1, 'ACCOUNT_STATEMENT', '2026-01-01', $2)`,
      [partner, file.id],
    );
    const { rows: items } = await db.query<{ id: string }>(
      `INSERT INTO postbox_items (id, belongs_to, owner_type, partner_id, created_at, document_date,
         document_type, name, description, document_id, file_id, document_size,
         document_content_type)
       SELECT md5('i' || g) || 'pbxi', md5('bench-person') || 'cper', 'Person', $1,
              now() - g * interval '1 minute', date '2026-01-01' - (g % 365), 'ACCOUNT_STATEMENT',
              'Statement ' || g, 'Bench item', md5('bench-document') || 'pbxd', $2, 9,
              'application/pdf'
       FROM generate_series(1, ${ITEMS}) AS g RETURNING id`,
      [partner, file.id],
    );
    await db.query(
      `WITH v AS (
         INSERT INTO onboarding_verifications (user_id, country, legal_person_identifier,
           legal_name, status, created)
         SELECT $1, 'EE', lpad(g::text, 8, '0'), 'Bench ' || g || ' OÜ', 'escalated',
                now() - g * interval '1 second'
         FROM generate_series(1, ${JUSTIFICATIONS}) AS g RETURNING id, created)
       INSERT INTO onboarding_justifications (verification_id, user_id, user_justification, created)
       SELECT id, $1, 'Board member.', created FROM v`,
      [partner],
    );
    const { rows: signers } = await db.query<{ id: string }>(
      `INSERT INTO persons (id, partner_id, first_name, last_name, created_at, updated_at)
       SELECT md5('s' || g) || 'cper', $1, 'Bench', 'Signer ' || g, now(), now()
       FROM generate_series(1, ${SIGNERS}) AS g RETURNING id`,
      [partner],
    );
    await db.query('ANALYZE');
    return { itemIds: items.map((row) => row.id), signerIds: signers.map((row) => row.id) };
  } finally {
    await db.end();
  }
}

/** The baseline server (bench/baseline-server.ts) as its own process on the same database. */
export async function startBaseline(
  databaseUrl: string,
): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(import.meta.dirname, '../baseline-server.js')],
    { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: 'ignore' },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const up = await fetch(`${baseUrl}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await sleep(100);
  }
  return {
    baseUrl,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

export interface Scenario {
  name: string;
  kind: 'read' | 'write';
  /** Request `n` of this scenario in one measurement (0, 1, 2, … also in mixed traffic). */
  request(
    stack: Stack,
    n: number,
  ): { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'GET /v1/postbox/items/{id}',
    kind: 'read',
    request: (stack, n) => ({
      method: 'GET',
      path: `/v1/postbox/items/${stack.itemIds[(n * 7919) % stack.itemIds.length]}`,
    }),
  },
  {
    name: 'GET /api/onboarding-justifications/ (10 of 10,000)',
    kind: 'read',
    request: () => ({ method: 'GET', path: '/api/onboarding-justifications/?page=1&page_size=10' }),
  },
  {
    // Signer n % SIGNERS; each signer's decisions alternate per round of all signers, starting
    // with REJECTED: a second APPROVED in a row for the same document and signer is a 409, and
    // every measurement restarts n at 0 on a database where the previous one may have left a
    // signer's latest decision APPROVED. REJECTED is never a conflict, so the first round resets
    // every signer, and from then on APPROVED always follows REJECTED. 2,000 signers keep the
    // requests for one signer (and its person row lock) far apart at 64 connections.
    name: 'POST /v1/terms_and_conditions_events (Idempotency-Key)',
    kind: 'write',
    request: (stack, n) => ({
      method: 'POST',
      path: '/v1/terms_and_conditions_events',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        document_id: stack.termsDocumentId,
        event_timestamp: '2026-01-01T09:00:00Z',
        event_type: Math.floor(n / stack.signerIds.length) % 2 === 0 ? 'REJECTED' : 'APPROVED',
        signed_by: stack.signerIds[n % stack.signerIds.length],
        product_name: 'DIGITAL_BANKING',
      }),
    }),
  },
];

export interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  errors: number;
  total: number;
}

/** autocannon against `baseUrl` with a fresh request (path, headers, body) for each send. */
export async function measure(
  baseUrl: string,
  token: string,
  stack: Stack,
  scenarios: Scenario[],
  connections: number,
  seconds: number,
): Promise<Measurement> {
  let n = 0;
  const sent = scenarios.map(() => 0);
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        setupRequest: (request) => {
          const index = n++ % scenarios.length;
          const next = scenarios[index].request(stack, sent[index]++);
          return {
            ...request,
            method: next.method,
            path: next.path,
            body: next.body,
            headers: { Authorization: `Token ${token}`, ...next.headers },
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/** Resident memory (kB) and open file descriptors of a process, from /proc. */
export async function processFigures(pid: number): Promise<{ rssMiB: number; fds: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fds = (await readdir(`/proc/${pid}/fd`)).length;
  return { rssMiB: rss / 1024, fds };
}

export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [
    line(cells[0]),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}
