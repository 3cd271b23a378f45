/**
 * The practical ceiling for the throughput benchmark: a minimal node:http + pg server doing what
 * the service does for the measured routes (the same API-key lookup, the same SELECTs, the same
 * idempotent write transaction) and nothing else: no framework, no ORM, no validation library,
 * no logging. Run as its own process by bench/throughput.ts.
 *
 *   DATABASE_URL=postgres://… PORT=… node dist/bench/bench/baseline-server.js
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

const USER_BY_KEY = `
  SELECT u.id, u.username, u.email, u.full_name, u.is_staff, u.is_support, u.is_active,
         u.created, u.modified
  FROM users u JOIN api_tokens t ON t.user_id = u.id
  WHERE t.key_hash = $1 AND u.is_active`;

interface User {
  id: string;
  is_staff: boolean;
  is_support: boolean;
}

async function userOf(req: IncomingMessage): Promise<User | undefined> {
  const match = /^(?:Token|Bearer) (\S+)$/.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const hash = createHash('sha256').update(match[1], 'utf8').digest();
  const { rows } = await pool.query<User>(USER_BY_KEY, [hash]);
  return rows[0];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function item(res: ServerResponse, user: User, id: string): Promise<void> {
  const { rows } = await pool.query('SELECT * FROM postbox_items WHERE id = $1', [id]);
  const row = rows[0] as Record<string, unknown> | undefined;
  if (!row || (row.partner_id !== user.id && !user.is_staff && !user.is_support)) {
    return send(res, 404, { errors: [{ status: 404, code: 'model_not_found' }] });
  }
  send(res, 200, {
    id: row.id,
    name: row.name,
    description: row.description,
    document_date: row.document_date,
    document_type: row.document_type,
    created_at: row.created_at,
    customer_notification: row.customer_notification,
    customer_confirmation: row.customer_confirmation,
    document_size: row.document_size,
    document_content_type: row.document_content_type,
    belongs_to: row.belongs_to,
    owner_type: row.owner_type,
    has_been_read: row.has_been_read,
    has_been_confirmed: row.has_been_confirmed,
  });
}

async function justifications(
  res: ServerResponse,
  user: User,
  url: URL,
  base: string,
): Promise<void> {
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const size = Math.min(100, Math.max(1, Number(url.searchParams.get('page_size') ?? 10)));
  const all = user.is_staff || user.is_support;
  const where = all ? '' : 'WHERE j.user_id = $1';
  const params = all ? [] : [user.id];
  const [{ rows: count }, { rows }] = await Promise.all([
    pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM onboarding_justifications j ${where}`,
      params,
    ),
    pool.query(
      `SELECT * FROM onboarding_justifications j ${where}
       ORDER BY j.created DESC, j.id ASC LIMIT ${size} OFFSET ${(page - 1) * size}`,
      params,
    ),
  ]);
  const ids = rows.map((row) => row.id as string);
  const [{ rows: verifications }, { rows: documents }] = await Promise.all([
    pool.query('SELECT * FROM onboarding_verifications WHERE id = ANY($1)', [
      rows.map((row) => row.verification_id as string),
    ]),
    pool.query(
      `SELECT d.*, f.size FROM onboarding_justification_documents d
       JOIN stored_files f ON f.id = d.stored_file_id
       WHERE d.justification_id = ANY($1) ORDER BY d.created`,
      [ids],
    ),
  ]);
  const byId = new Map(verifications.map((v) => [v.id as string, v]));
  const hex = (uuid: string) => uuid.replaceAll('-', '');
  res.setHeader('X-Result-Count', count[0].n);
  send(
    res,
    200,
    rows.map((row) => {
      const verification = byId.get(row.verification_id as string)!;
      return {
        uuid: hex(row.id as string),
        url: `${base}/api/onboarding-justifications/${hex(row.id as string)}/`,
        verification: `${base}/api/onboarding-verifications/${hex(verification.id as string)}/`,
        verification_uuid: hex(verification.id as string),
        country: verification.country,
        user: `${base}/api/users/${hex(row.user_id as string)}/`,
        legal_person_identifier: verification.legal_person_identifier,
        legal_name: verification.legal_name,
        error_message: verification.error_message,
        user_justification: row.user_justification,
        validated_by: row.validated_by_id,
        validated_at: row.validated_at,
        validation_decision: row.validation_decision,
        staff_notes: row.staff_notes,
        supporting_documentation: documents
          .filter((d) => d.justification_id === row.id)
          .map((d) => ({ uuid: hex(d.id as string), file_name: d.file_name, file_size: d.size })),
        created: row.created,
        modified: row.modified,
      };
    }),
  );
}

/** The service's idempotent create: key lock, key row, the row, the stored answer, one commit. */
async function createPerson(
  res: ServerResponse,
  user: User,
  req: IncomingMessage,
  body: string,
): Promise<void> {
  const key = req.headers['idempotency-key'];
  const input = JSON.parse(body) as { first_name?: string; last_name?: string };
  const fingerprint = createHash('sha256').update(`POST /v1/persons ${body}`).digest();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ locked }] = (
      await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0)) AS locked`,
        [user.id, key],
      )
    ).rows;
    if (!locked) {
      await client.query('ROLLBACK');
      return send(res, 409, { errors: [{ status: 409, code: 'idempotency_request_in_progress' }] });
    }
    const claimed = await client.query<{ id: string }>(
      `INSERT INTO idempotency_keys
         (principal, key, request_method, request_route, fingerprint, expires_at)
       VALUES ($1, $2, 'POST', '/v1/persons', $3, now() + interval '24 hours')
       ON CONFLICT (principal, key) DO NOTHING RETURNING id`,
      [user.id, key, fingerprint],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await client.query<{ response_body: string }>(
        'SELECT response_body FROM idempotency_keys WHERE principal = $1 AND key = $2',
        [user.id, key],
      );
      await client.query('COMMIT');
      res.setHeader('Idempotent-Replayed', 'true');
      return send(res, 201, JSON.parse(rows[0].response_body));
    }
    const id = `${randomBytes(16).toString('hex')}cper`;
    const { rows } = await client.query(
      `INSERT INTO persons (id, partner_id, first_name, last_name, created_at, updated_at)
       VALUES ($1, $2, $3, $4, now(), now()) RETURNING *`,
      [id, user.id, input.first_name ?? null, input.last_name ?? null],
    );
    const person = rows[0] as Record<string, unknown>;
    const answer = {
      id: person.id,
      first_name: person.first_name,
      last_name: person.last_name,
      created_at: person.created_at,
    };
    await client.query(
      `UPDATE idempotency_keys SET status = 'finished', response_status = 201,
         response_headers = $2, response_body = $3 WHERE id = $1`,
      [
        claimed.rows[0].id,
        { 'content-type': 'application/json; charset=utf-8' },
        JSON.stringify(answer),
      ],
    );
    await client.query('COMMIT');
    send(res, 201, answer);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const base = `http://${req.headers.host}`;
  const url = new URL(req.url ?? '/', base);
  const user = await userOf(req);
  if (!user) return send(res, 401, { detail: 'Invalid token.' });
  const itemMatch = /^\/v1\/postbox\/items\/(\w+)$/.exec(url.pathname);
  if (req.method === 'GET' && itemMatch) return item(res, user, itemMatch[1]);
  if (req.method === 'GET' && url.pathname === '/api/onboarding-justifications/') {
    return justifications(res, user, url, base);
  }
  if (req.method === 'POST' && url.pathname === '/v1/persons') {
    return createPerson(res, user, req, body);
  }
  send(res, 404, { detail: 'Not found.' });
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, { detail: 'internal error' });
  });
});
server.keepAliveTimeout = 5_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline listening on ${typeof address === 'object' ? address?.port : address}`);
});
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
