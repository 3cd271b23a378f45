/**
 * The practical ceiling for the throughput benchmark: a minimal node:http + pg server doing what
 * the service does for the measured routes (the same API-key lookup, the same SELECTs, the same
 * idempotent write transaction) and nothing else: no framework, no ORM, no validation library,
 * no logging. Run as its own process by bench/throughput.ts.
 *
 *   DATABASE_URL=postgres://… PORT=… node dist/bench/bench/baseline-server.js
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { canonicalJson } from '../src/common/idempotency/fingerprint.js';
import { TERMS_EVENT_TYPES, TERMS_PRODUCTS } from '../src/terms/terms.constants.js';

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
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
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

const JSON_TYPE = 'application/json; charset=utf-8';
const TERMS_ROUTE = '/v1/terms_and_conditions_events';

interface Answer {
  status: number;
  body: unknown;
}

interface KeyRow {
  id: string;
  fingerprint: Buffer;
  status: 'started' | 'finished';
  response_status: number | null;
  response_body: string | null;
  expired: boolean;
}

const SELECT_KEY = `
  SELECT id, fingerprint, status, response_status, response_headers, response_body,
         expires_at <= now() AS expired
  FROM idempotency_keys WHERE principal = $1 AND key = $2`;

const INSERT_KEY = `
  INSERT INTO idempotency_keys
    (principal, key, request_method, request_route, fingerprint, expires_at)
  VALUES ($1, $2, 'POST', $3, $4, now() + make_interval(hours => 24))
  ON CONFLICT (principal, key) DO NOTHING
  RETURNING id`;

const failure = (status: number, code: string, detail: string, field?: string): Answer => ({
  status,
  body: { errors: [{ status, code, detail, ...(field ? { source: { field } } : {}) }] },
});

/**
 * The service's Idempotency-Key handling (IdempotencyInterceptor + IdempotencyService), with the
 * same statements in one READ COMMITTED transaction: the key's advisory xact lock, the key row
 * insert (read FOR UPDATE and judged only when it exists), the handler's statements, the stored
 * response, one commit, then the answer. The fingerprint is the service's (canonical JSON of
 * method, route template, params, query, body, files), so keys are interchangeable between the
 * two servers. Not mirrored: the service's `SAVEPOINT idempotent_handler`, TypeORM's nested
 * `SAVEPOINT typeorm_1` / `RELEASE`: the baseline's handler answers its 4xx before writing
 * anything, so it stores them without a savepoint to roll back to.
 */
async function idempotent(
  res: ServerResponse,
  user: User,
  key: string,
  route: string,
  input: unknown,
  work: (client: pg.PoolClient) => Promise<Answer>,
): Promise<void> {
  const fingerprint = createHash('sha256')
    .update(canonicalJson(['POST', route, {}, {}, input, []]))
    .digest();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ locked }] = (
      await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0)) AS locked`,
        [user.id, key],
      )
    ).rows;
    let keyId = locked
      ? (await client.query<{ id: string }>(INSERT_KEY, [user.id, key, route, fingerprint])).rows[0]
          ?.id
      : undefined;
    if (keyId === undefined) {
      const [row] = (
        await client.query<KeyRow>(locked ? `${SELECT_KEY} FOR UPDATE` : SELECT_KEY, [user.id, key])
      ).rows;
      if (locked && (!row || row.expired)) {
        if (row) await client.query('DELETE FROM idempotency_keys WHERE id = $1', [row.id]);
        keyId = (await client.query<{ id: string }>(INSERT_KEY, [user.id, key, route, fingerprint]))
          .rows[0].id;
      } else {
        await client.query('COMMIT');
        if (row && !row.expired && !row.fingerprint.equals(fingerprint)) {
          return send(res, 422, { errors: [{ status: 422, code: 'idempotency_key_reused' }] });
        }
        if (!row || row.expired || row.status !== 'finished' || row.response_status === null) {
          res.setHeader('Retry-After', '1');
          return send(res, 409, {
            errors: [{ status: 409, code: 'idempotency_request_in_progress' }],
          });
        }
        res.setHeader('Idempotent-Replayed', 'true');
        return sendText(res, row.response_status, row.response_body ?? '');
      }
    }
    const answer = await work(client);
    const text = JSON.stringify(answer.body);
    await client.query(
      `UPDATE idempotency_keys
       SET status = 'finished', response_status = $2, response_headers = $3, response_body = $4
       WHERE id = $1`,
      [keyId, answer.status, JSON.stringify({ 'content-type': JSON_TYPE }), text],
    );
    await client.query('COMMIT');
    sendText(res, answer.status, text);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

interface TermsEventInput {
  document_id: string;
  event_timestamp: string;
  event_type: 'APPROVED' | 'REJECTED';
  signed_by: string;
  signed_on_behalf_of?: string | null;
  product_name: string;
}

/** The checks of CreateTermsEventDto that matter here, by hand (the service's ValidationPipe). */
function termsEventInput(input: unknown): TermsEventInput | undefined {
  const body = (input ?? {}) as Record<string, unknown>;
  const id = (value: unknown) =>
    typeof value === 'string' && value.length > 0 && value.length <= 40;
  const ok =
    id(body.document_id) &&
    typeof body.event_timestamp === 'string' &&
    !Number.isNaN(Date.parse(body.event_timestamp)) &&
    (TERMS_EVENT_TYPES as readonly unknown[]).includes(body.event_type) &&
    id(body.signed_by) &&
    (body.signed_on_behalf_of === undefined ||
      body.signed_on_behalf_of === null ||
      id(body.signed_on_behalf_of)) &&
    (TERMS_PRODUCTS as readonly unknown[]).includes(body.product_name);
  return ok ? (body as unknown as TermsEventInput) : undefined;
}

/** `…tcdc`, `…cper`, `…cbiz`: 32 lowercase hex and the model's suffix (isSolarisId). */
const isId = (value: string, suffix: string) =>
  value.length === 32 + suffix.length &&
  /^[0-9a-f]{32}$/.test(value.slice(0, 32)) &&
  value.endsWith(suffix);

/**
 * TermsService.recordEvent, statement for statement (inside `idempotent`'s transaction):
 *   1. SELECT the document (TermsService.document; only for an id shaped like `…tcdc`);
 *   2. SELECT the signer (CustomersService.person(caller, id, 'write'); `…cper` only);
 *   3. SELECT the business when `signed_on_behalf_of` is given (CustomersService.business);
 *   4. the conditional upsert of terms_consents (no row back: 409, nothing was written);
 *   5. INSERT the event, RETURNING created_at;
 *   6. for an APPROVED DIGITAL_BANKING event: SELECT the person FOR UPDATE (its previous
 *      terms_conditions_signed_at for the audit) and UPDATE terms_conditions_signed_at;
 *   7. INSERT the audit event `terms.event_recorded` with the service's before/after.
 * Not mirrored: TypeORM's SELECT of the new event's id that `save()` sends before its INSERT.
 */
async function recordTermsEvent(
  client: pg.PoolClient,
  user: User,
  input: TermsEventInput,
  requestId: string,
): Promise<Answer> {
  const readAll = user.is_staff || user.is_support;
  const forbidden = () =>
    failure(403, 'unauthorized_action', 'You do not have permission to perform this action.');
  const document = isId(input.document_id, 'tcdc')
    ? (
        await client.query('SELECT * FROM terms_documents WHERE id = $1 LIMIT 1', [
          input.document_id,
        ])
      ).rows[0]
    : undefined;
  if (!document) {
    return failure(
      400,
      'validation_error',
      'must be an existing Terms and Conditions document',
      'document_id',
    );
  }
  if (document.product_name !== input.product_name) {
    return failure(400, 'validation_error', 'must be the product of the document', 'product_name');
  }
  const signer = isId(input.signed_by, 'cper')
    ? (await client.query('SELECT * FROM persons WHERE id = $1', [input.signed_by])).rows[0]
    : undefined;
  const ownSigner = signer?.partner_id === user.id;
  if (!signer || (!ownSigner && !readAll)) {
    return failure(400, 'validation_error', 'must be an existing person of yours', 'signed_by');
  }
  if (!ownSigner && !user.is_staff) return forbidden();
  let business: Record<string, unknown> | undefined;
  if (input.signed_on_behalf_of !== undefined && input.signed_on_behalf_of !== null) {
    const invalid = () =>
      failure(
        400,
        'validation_error',
        'must be an existing business of yours',
        'signed_on_behalf_of',
      );
    business = isId(input.signed_on_behalf_of, 'cbiz')
      ? (await client.query('SELECT * FROM businesses WHERE id = $1', [input.signed_on_behalf_of]))
          .rows[0]
      : undefined;
    const ownBusiness = business?.partner_id === user.id;
    if (!business || (!ownBusiness && !readAll)) return invalid();
    if (!ownBusiness && !user.is_staff) return forbidden();
    if (business.partner_id !== signer.partner_id) return invalid();
  }

  const decided = await client.query(
    `INSERT INTO terms_consents (document_id, signed_by, on_behalf_of, latest_event_type)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (document_id, signed_by, on_behalf_of) DO UPDATE
       SET latest_event_type = EXCLUDED.latest_event_type, updated_at = now()
       WHERE terms_consents.latest_event_type <> 'APPROVED'
          OR EXCLUDED.latest_event_type <> 'APPROVED'
     RETURNING latest_event_type`,
    [document.id, signer.id, business?.id ?? '', input.event_type],
  );
  if (decided.rowCount === 0) {
    return failure(
      409,
      'conflict',
      'The customer has already approved the Terms & Conditions document.',
    );
  }

  const id = randomBytes(16).toString('hex');
  const eventTimestamp = new Date(input.event_timestamp);
  const onBehalfOf = (business?.id as string | undefined) ?? null;
  const [{ created_at: createdAt }] = (
    await client.query<{ created_at: Date }>(
      `INSERT INTO terms_events (id, document_id, document_name, event_timestamp, event_type,
         signed_by, signed_on_behalf_of, product_name, partner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING created_at`,
      [
        id,
        document.id,
        document.name,
        eventTimestamp,
        input.event_type,
        signer.id,
        onBehalfOf,
        input.product_name,
        signer.partner_id,
      ],
    )
  ).rows;
  const signsTerms = input.event_type === 'APPROVED' && input.product_name === 'DIGITAL_BANKING';
  let signedBefore: Date | null = null;
  if (signsTerms) {
    const { rows } = await client.query<{ terms_conditions_signed_at: Date | null }>(
      'SELECT * FROM persons WHERE id = $1 FOR UPDATE',
      [signer.id],
    );
    signedBefore = rows[0].terms_conditions_signed_at;
    await client.query(
      'UPDATE persons SET terms_conditions_signed_at = $1, updated_at = now() WHERE id = $2',
      [eventTimestamp, signer.id],
    );
  }
  const after = {
    document_id: document.id,
    event_type: input.event_type,
    event_timestamp: eventTimestamp.toISOString(),
    signed_by: signer.id,
    signed_on_behalf_of: onBehalfOf,
    product_name: input.product_name,
    ...(signsTerms ? { terms_conditions_signed_at: eventTimestamp.toISOString() } : {}),
  };
  await client.query(
    `INSERT INTO audit_events (actor_id, action, object_type, object_id, before, after, request_id)
     VALUES ($1, 'terms.event_recorded', 'terms_event', $2, $3, $4, $5)`,
    [
      user.id,
      id,
      signsTerms ? { terms_conditions_signed_at: signedBefore?.toISOString() ?? null } : null,
      after,
      requestId,
    ],
  );
  return {
    status: 201,
    body: {
      id,
      document_id: document.id,
      document_name: document.name,
      event_timestamp: eventTimestamp,
      created_at: createdAt,
      event_type: input.event_type,
      signed_by: signer.id,
      signed_on_behalf_of: onBehalfOf,
      product_name: input.product_name,
    },
  };
}

/** POST /v1/terms_and_conditions_events: validation, then (with a key) the idempotent unit. */
async function termsEvent(
  res: ServerResponse,
  user: User,
  req: IncomingMessage,
  body: string,
): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const input = termsEventInput(parsed);
  if (!input) return send(res, 400, { errors: [{ status: 400, code: 'validation_error' }] });
  const requestId = randomUUID();
  res.setHeader('X-Request-Id', requestId);
  const key = req.headers['idempotency-key'];
  const work = (client: pg.PoolClient) => recordTermsEvent(client, user, input, requestId);
  if (typeof key === 'string') return idempotent(res, user, key, TERMS_ROUTE, parsed, work);
  // Without a key: the same statements in a transaction of their own.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const answer = await work(client);
    await client.query('COMMIT');
    send(res, answer.status, answer.body);
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
  if (req.method === 'POST' && url.pathname === TERMS_ROUTE) {
    return termsEvent(res, user, req, body);
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
