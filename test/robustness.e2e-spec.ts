import { createHash } from 'node:crypto';
import pg from 'pg';
import { createStaff, createSupport, createUser, type TestUser } from './setup/factories.js';
import { createTestApp, type TestApp } from './setup/test-app.js';
import {
  type ApiObject,
  failedVerification,
  justify,
  startVerification,
} from './support/onboarding.js';
import { problemsOf } from './support/error-dialect.js';
import { mapLimit, type RawRequest, type RawResponse, RawHttp } from './support/raw-http.js';
import {
  type FieldInfo,
  type OpenApiDocument,
  type RouteInfo,
  routesOf,
} from './support/routes.js';

/**
 * Every route of the running application, attacked with a bounded, deterministic set of hostile
 * requests by staff, support, an unrelated partner and the owner of the fixtures: never a 5xx,
 * always an error body in the route family's dialect, always an X-Request-Id. Then the parser-level
 * and race cases the feature suites do not cover.
 */

const CONCURRENCY = 8;
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const UNKNOWN_HEX = '0123456789abcdef0123456789abcdef';
const UNKNOWN_HYPHENATED = '01234567-89ab-4def-8123-456789abcdef';

interface Case {
  label: string;
  request: RawRequest;
}

interface Problem {
  case: string;
  status: number;
  problem: string;
  body: string;
}

const json = (value: unknown): string => JSON.stringify(value);

/** A value that passes the property's validators, as far as their names tell. */
function sampleOf(field: FieldInfo, named: Record<string, unknown>): unknown {
  if (field.name in named) return named[field.name];
  if (field.choices.length > 0) return field.choices.find((choice) => choice !== '') ?? '';
  if (field.nested.length > 0) return sampleBody(field.nested, named);
  const has = (...checks: string[]) => checks.some((check) => field.checks.includes(check));
  if (has('isBoolean')) return false;
  if (has('isInt', 'isNumber', 'min', 'max', 'isPositive')) return 1;
  if (has('isArray', 'arrayMaxSize', 'arrayNotEmpty')) return [];
  if (has('isObject')) return {};
  if (has('isEmail')) return 'erika@example.com';
  if (/(_date|_on|_at)$/.test(field.name) || has('isDateString', 'isISO8601')) return '2021-06-30';
  return 'Sample';
}

function sampleBody(fields: FieldInfo[], named: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field.name, sampleOf(field, named)]));
}

const WRONG_VALUES: [string, unknown][] = [
  ['object', { a: { b: 1 } }],
  ['array', [1, 'two', null]],
  ['number', 12345.5],
  ['boolean', true],
  ['null', null],
  ['10k string', 'x'.repeat(10_000)],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\ud800b'],
  ['padded', '  padded  '],
  ['year 1', '0001-01-01'],
  ['far future', '+275760-09-13T00:00:00.000Z'],
  ['huge integer', 2 ** 63],
];

const BAD_QUERY_VALUES: [string, string][] = [
  ['wrong type', 'abc'],
  ['negative', '-1'],
  ['fraction', '1.5'],
  ['huge number', '99999999999999999999999'],
  ['empty', ''],
  ['NUL', 'a%00b'],
  ['long', 'q'.repeat(8_000)],
  ['SQL', encodeURIComponent("' OR 1=1--")],
  ['unicode', encodeURIComponent('ü✓💩')],
  ['bad percent', '%E0%A4%A'],
  ['year 1', '0001-01-01T00:00:00Z'],
  ['far future', encodeURIComponent('+275760-09-13T00:00:00.000Z')],
  ['date out of range', '2021-02-30'],
];

function multipart(
  parts: { name: string; value: string | Buffer; filename?: string; type?: string }[],
  boundary = 'robustnessBoundary',
): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"` +
        (part.filename !== undefined ? `; filename="${part.filename}"` : '') +
        `\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
    ),
    Buffer.from(part.value),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]);
}

describe('robustness: hostile input on every route', () => {
  let t: TestApp;
  let raw: RawHttp;
  let db: pg.Client;
  let staff: TestUser;
  let support: TestUser;
  let partner: TestUser;
  let stranger: TestUser;
  let bystander: TestUser;
  let routes: RouteInfo[];
  /** Real ids by the path segment that names their collection. */
  const pools: Record<string, string[]> = {};
  const named: Record<string, unknown> = {};

  beforeAll(async () => {
    t = await createTestApp();
    raw = new RawHttp(t.baseUrl);
    db = new pg.Client(t.databaseUrl);
    await db.connect();
    staff = await createStaff(t.app);
    support = await createSupport(t.app);
    partner = await createUser(t.app);
    stranger = await createUser(t.app);
    bystander = await createUser(t.app);

    const post = async (path: string, body: unknown, as = partner) => {
      const res = await t.http
        .post(path)
        .set('Authorization', as.auth)
        .send(body as object);
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
      return res.body as ApiObject & { id: string };
    };
    const person = await post('/v1/persons', { first_name: 'Erika', last_name: 'Musterfrau' });
    const business = await post('/v1/businesses', { name: 'Musterfrau GmbH' });
    const document = await post('/v1/postbox/documents', {
      document_type: 'ACCOUNT_STATEMENT',
      document_date: '2021-06-30',
    });
    const itemBody = {
      name: 'Statement',
      description: 'June',
      customer_notification: false,
      customer_confirmation: true,
      document_id: document.id,
    };
    const item = await post(`/v1/persons/${person.id}/postbox/items`, itemBody);
    const businessItem = await post(`/v1/businesses/${business.id}/postbox/items`, {
      ...itemBody,
      document_id: (
        await post('/v1/postbox/documents', {
          document_type: 'ACCOUNT_STATEMENT',
          document_date: '2021-06-30',
        })
      ).id,
    });
    const confirmation = await post(`/v1/postbox/items/${item.id}/confirmations`, {
      person_id: person.id,
    });

    const pending = await startVerification(t, partner, { validation_method: 'ariregister' });
    const escalated = await startVerification(t, partner);
    const failed = await failedVerification(t, partner, staff);
    const verifiedStart = await startVerification(t, partner, { validation_method: 'ariregister' });
    const verified = await post(
      `/api/onboarding-verifications/${verifiedStart.uuid}/record_result/`,
      { status: 'verified' },
      staff,
    );
    const expired = await startVerification(t, partner, { validation_method: 'ariregister' });
    await db.query(`UPDATE onboarding_verifications SET status = 'expired' WHERE id = $1`, [
      expired.uuid,
    ]);
    const justified = await failedVerification(t, partner, staff);
    const justification = await justify(t, partner, justified.uuid);
    const attached = await t.http
      .post(`/api/onboarding-justifications/${justification.uuid}/attach_document/`)
      .set('Authorization', partner.auth)
      .attach('file', pdf, 'evidence.pdf')
      .expect(200);
    const spareFailed = await failedVerification(t, partner, staff);
    const questionSet = await post(
      '/v1/question_set',
      {
        entity_id: person.id,
        deadline: '2099-01-01T00:00:00Z',
        recipient: { recipient_type: 'CUSTOMER' },
        questions: [
          { question: 'Why?', answer_type: 'TEXT_ONLY' },
          { question: 'Proof?', answer_type: 'TEXT_AND_FILES' },
        ],
      },
      staff,
    );
    const challenge = await post('/v1/psd2/challenges', {});
    const expiredChallenge = await post('/v1/psd2/challenges', {});
    await db.query(
      `UPDATE psd2_challenges SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expiredChallenge.id],
    );

    Object.assign(pools, {
      users: [bystander.user.id.replace(/-/g, '')],
      persons: [person.id],
      businesses: [business.id],
      items: [item.id, businessItem.id],
      confirmations: [confirmation.id],
      challenges: [challenge.id, expiredChallenge.id],
      'onboarding-verifications': [pending, escalated, failed, verified, expired].map(
        (verification) => verification.uuid,
      ),
      'onboarding-justifications': [justification.uuid],
      'onboarding-justification-documents': [(attached.body as ApiObject).uuid],
      question_set: [questionSet.id],
      questions: (questionSet.questions as { id: string }[]).map((question) => question.id),
    });
    Object.assign(named, {
      person_id: person.id,
      document_id: document.id,
      verification_uuid: spareFailed.uuid,
      verification: spareFailed.uuid,
      username: 'robust_user',
      entity_id: person.id,
      deadline: '2099-01-01T00:00:00Z',
      // A fixed key in every sample body would turn most cases into idempotency conflicts.
      idempotency_key: undefined,
    });

    const docs = await t.http.get('/docs-json').expect(200);
    routes = routesOf(t.app, docs.body as OpenApiDocument);
  });

  afterAll(async () => {
    raw.close();
    await db.end();
    await t.close();
  });

  /** The collection a path parameter belongs to: the segment right before it. */
  const collectionOf = (route: RouteInfo, param: string) => {
    const segments = route.path.split('/');
    return segments[segments.indexOf(`{${param}}`) - 1];
  };

  const validId = (route: RouteInfo, param: string, n: number) => {
    const pool = pools[collectionOf(route, param)] ?? [];
    return pool.length > 0 ? pool[n % pool.length] : UNKNOWN_HEX;
  };

  /** Ids that must never reach a database query unchecked. */
  const badIds = (route: RouteInfo, param: string): [string, string][] => {
    const real = validId(route, param, 0);
    const solaris = route.path.startsWith('/v1/');
    return [
      ['unknown', solaris ? `${UNKNOWN_HEX}${real.slice(32)}` : UNKNOWN_HEX],
      ['other type', solaris ? `${real.slice(0, 32)}zzzz` : `${real}cper`],
      ['x', 'x'],
      ['1000 chars', 'a'.repeat(1000)],
      ['NUL', '%00'],
      ['traversal', '..%2F..'],
      ['unicode', encodeURIComponent('ü✓💩')],
      ['SQL', encodeURIComponent("' OR 1=1--")],
      ['bad percent', '%E0%A4%A'],
      ['cross dialect', solaris ? UNKNOWN_HYPHENATED : `${UNKNOWN_HEX}cper`],
      ['uppercase', real.toUpperCase()],
    ];
  };

  const pathOf = (route: RouteInfo, n: number, override: Record<string, string> = {}) =>
    route.path.replace(/\{(\w+)\}/g, (_match, param: string) =>
      param in override ? override[param] : encodeURIComponent(validId(route, param, n)),
    ) + (route.path.startsWith('/api/') ? '/' : '');

  const hasBody = (route: RouteInfo) => ['post', 'put', 'patch'].includes(route.method);

  /**
   * `share` of every `shares` wrong values for the field at `index`: the callers split the values
   * between them, so together they send each value to each property at a fraction of the cost.
   */
  const wrongValuesFor = (index: number, share: number, shares: number) =>
    WRONG_VALUES.filter((_value, n) => (n + index) % shares === share);

  function casesOf(route: RouteInfo, caller: TestUser, share: number, shares: number): Case[] {
    const cases: Case[] = [];
    const auth = { Authorization: caller.auth };
    const jsonHeaders = { ...auth, 'Content-Type': 'application/json' };
    const base = route.body ? sampleBody(route.body, named) : {};
    const add = (label: string, request: Omit<RawRequest, 'method'> & { method?: string }) => {
      cases.push({
        label: `${route.method.toUpperCase()} ${route.path} ${label}`,
        request: { method: route.method, ...request },
      });
    };
    // Variants that do not depend on who sends them are split between the callers.
    let rotation = route.path.length;
    const addShared: typeof add = (label, request) => {
      if (rotation++ % shares === share) add(label, request);
    };
    const plain = (n: number) => ({
      headers: hasBody(route) && !route.multipart ? jsonHeaders : auth,
      body: hasBody(route) && !route.multipart ? json(base) : undefined,
      path: pathOf(route, n),
    });

    for (const param of route.pathParams) {
      for (const [label, id] of badIds(route, param)) {
        add(`path ${param}=${label}`, { ...plain(0), path: pathOf(route, 0, { [param]: id }) });
      }
    }

    if (route.method === 'get') {
      const queries: [string, string][] = [
        ['nested filter', 'filter[x][y][z]=1'],
        ['long unknown filter', `filter[junk]=${'j'.repeat(6000)}&page[junk]=${'j'.repeat(6000)}`],
        ['prototype', '__proto__[polluted]=1&constructor[prototype][polluted]=1'],
        ['deep', 'a[b][c][d][e][f][g][h][i]=1'],
        ['sparse array', 'a[1000]=x&a[0]=y'],
        ['many params', Array.from({ length: 1100 }, (_, i) => `p${i}=1`).join('&')],
        ['bare', '&&=&a'],
      ];
      for (const name of route.queryParams) {
        for (const [label, value] of BAD_QUERY_VALUES)
          queries.push([`${name} ${label}`, `${name}=${value}`]);
        queries.push([`${name} array`, `${name}=1&${name}=2`]);
        queries.push([`${name} nested`, `${name}[x][y][z]=1`]);
        queries.push([`${name} bracket array`, `${name}[]=1`]);
      }
      queries.forEach(([label, query], n) =>
        add(`query ${label}`, { ...plain(n), path: `${pathOf(route, n)}?${query}` }),
      );
    }

    if (route.body) {
      const bodies: [string, string | Buffer][] = [
        ['malformed JSON', '{"a":'],
        ['array', '[]'],
        ['array of objects', json([base])],
        ['null', 'null'],
        ['string', '"text"'],
        ['number', '42'],
        ['boolean', 'true'],
        ['empty object', '{}'],
        ['empty', ''],
        ['1000 levels', '{"a":'.repeat(1000) + '1' + '}'.repeat(1000)],
        ['deepest array within 1 MB', '['.repeat(400_000) + ']'.repeat(400_000)],
        ['over 1 MB', json({ ...base, padding: 'p'.repeat(1_100_000) })],
        ['duplicate keys', `{"a":1,"a":{"b":2},${json(base).slice(1)}`],
        ['BOM', `\ufeff${json(base)}`],
        [
          'invalid UTF-8',
          Buffer.concat([
            Buffer.from('{"a":"'),
            Buffer.from([0xff, 0xfe, 0xc0]),
            Buffer.from('"}'),
          ]),
        ],
      ];
      bodies.forEach(([label, body], n) =>
        add(`body ${label}`, { ...plain(n), headers: jsonHeaders, body }),
      );
      let n = 0;
      for (const [index, field] of route.body.entries()) {
        for (const [label, value] of wrongValuesFor(index, share, shares)) {
          add(`body ${field.name}=${label}`, {
            ...plain(n++),
            headers: jsonHeaders,
            body: json({ ...base, [field.name]: value }),
          });
        }
        for (const child of field.nested) {
          for (const [label, value] of wrongValuesFor(index, share, shares)) {
            add(`body ${field.name}.${child.name}=${label}`, {
              ...plain(n++),
              headers: jsonHeaders,
              body: json({
                ...base,
                [field.name]: { ...(base[field.name] as object), [child.name]: value },
              }),
            });
          }
        }
      }
      const form = new URLSearchParams(
        Object.entries(base).map(([key, value]): [string, string] => [key, String(value)]),
      ).toString();
      addShared('json content-type, form body', { ...plain(1), headers: jsonHeaders, body: form });
      addShared('form content-type, json body', {
        ...plain(2),
        headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: json(base),
      });
      addShared('form body', {
        ...plain(3),
        headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${form}&a[b][c]=1&a[b][c]=2`,
      });
      addShared('text/plain', {
        ...plain(4),
        headers: { ...auth, 'Content-Type': 'text/plain' },
        body: json(base),
      });
      addShared('no content-type', { ...plain(0), headers: auth, body: json(base) });
      addShared('multipart to a JSON route', {
        ...plain(0),
        headers: { ...auth, 'Content-Type': 'multipart/form-data; boundary=robustnessBoundary' },
        body: multipart([{ name: 'file', value: pdf, filename: 'a.pdf', type: 'application/pdf' }]),
      });
      addShared('latin1 charset', {
        ...plain(0),
        headers: { ...auth, 'Content-Type': 'application/json; charset=latin1' },
        body: json(base),
      });
      addShared('unknown charset', {
        ...plain(0),
        headers: { ...auth, 'Content-Type': 'application/json; charset=klingon' },
        body: json(base),
      });
      addShared('lying gzip', {
        ...plain(0),
        headers: { ...jsonHeaders, 'Content-Encoding': 'gzip' },
        body: json(base),
      });
      addShared('unknown encoding', {
        ...plain(0),
        headers: { ...jsonHeaders, 'Content-Encoding': 'zstd-x' },
        body: json(base),
      });
    }

    if (route.multipart) {
      const fields: Record<string, string> = {};
      for (const name of route.multipart.fields) {
        const value = sampleOf({ name, checks: [], choices: [], nested: [] }, named);
        if (value !== undefined) fields[name] = typeof value === 'string' ? value : json(value);
      }
      if ('document_type' in fields) fields.document_type = 'ACCOUNT_STATEMENT';
      if ('customer_notification' in fields) fields.customer_notification = 'false';
      if ('customer_confirmation' in fields) fields.customer_confirmation = 'false';
      const fieldParts = Object.entries(fields).map(([name, value]) => ({ name, value }));
      const file = { name: 'file', value: pdf, filename: 'a.pdf', type: 'application/pdf' };
      const mp = { ...auth, 'Content-Type': 'multipart/form-data; boundary=robustnessBoundary' };
      const uploads: [string, Record<string, string>, Buffer | string][] = [
        ['no file', mp, multipart(fieldParts)],
        ['empty file', mp, multipart([...fieldParts, { ...file, value: '' }])],
        ['wrong field name', mp, multipart([...fieldParts, { ...file, name: 'document' }])],
        ['two files', mp, multipart([...fieldParts, file, file])],
        ['non-multipart body', jsonHeaders, json(fields)],
        ['truncated', mp, multipart([...fieldParts, file]).subarray(0, 200)],
        [
          'huge field',
          mp,
          multipart([{ name: 'document_type', value: 'd'.repeat(200_000) }, ...fieldParts, file]),
        ],
        ['no boundary', { ...auth, 'Content-Type': 'multipart/form-data' }, multipart([file])],
        ['garbage', mp, 'this is not multipart at all'],
        ['not a document', mp, multipart([...fieldParts, { ...file, value: 'plain text' }])],
        [
          'NUL and odd names',
          mp,
          multipart([
            { name: 'a\u0000b', value: 'x' },
            { name: '__proto__', value: 'x' },
            ...fieldParts,
            { ...file, filename: '../../etc/\u0000passwd' },
          ]),
        ],
        ...Object.keys(fields).flatMap((name): [string, Record<string, string>, Buffer][] => [
          [
            `${name}=NUL`,
            mp,
            multipart([
              ...fieldParts.filter((p) => p.name !== name),
              { name, value: 'a\u0000b' },
              file,
            ]),
          ],
          [`${name} twice`, mp, multipart([...fieldParts, { name, value: 'x' }, file])],
          ...[
            ['empty', ''],
            ['wrong type', 'maybe'],
            ['10k', 'x'.repeat(10_000)],
            ['bracketed', 'x'],
          ].map(([label, value]): [string, Record<string, string>, Buffer] => [
            `${name}=${label}`,
            mp,
            multipart([
              ...fieldParts.filter((part) => part.name !== name),
              { name: label === 'bracketed' ? `${name}[a][b]` : name, value },
              file,
            ]),
          ]),
        ]),
      ];
      uploads.forEach(([label, headers, body], n) =>
        add(`multipart ${label}`, { ...plain(n), headers, body }),
      );
    }

    const idempotencyKeys: [string, string][] = hasBody(route)
      ? [
          ['empty Idempotency-Key', ''],
          ['huge Idempotency-Key', 'k'.repeat(1000)],
          ['Idempotency-Key with a tab', 'a\tb'],
          ['Idempotency-Key with latin1', 'key-\u00ff\u0080'],
        ]
      : [];
    idempotencyKeys.forEach(([label, key], n) =>
      addShared(label, { ...plain(n), headers: { ...plain(n).headers, 'Idempotency-Key': key } }),
    );
    if (route.method === 'get') {
      addShared('HEAD', { ...plain(0), method: 'head' });
      addShared('HEAD with a bad query', {
        ...plain(1),
        method: 'head',
        path: `${pathOf(route, 1)}?page=x&page_size=-1&page[number]=y`,
      });
    }
    addShared('unsupported method', { ...plain(0), method: 'PROPFIND' });
    addShared('OPTIONS', { ...plain(0), method: 'OPTIONS' });
    const authorizations: [string, string][] = [
      ['Basic', `Basic ${caller.token}`],
      ['scheme only', 'Token'],
      ['two keys', `Token ${caller.token} ${caller.token}`],
      ['huge key', `Bearer ${'k'.repeat(6000)}`],
      ['Digest', 'Digest username="a", realm="b"'],
      ['latin1', 'Token \u00ff\u00fe'],
    ];
    authorizations.forEach(([label, value], n) =>
      addShared(`Authorization ${label}`, {
        ...plain(n),
        headers: { ...plain(n).headers, Authorization: value },
      }),
    );
    return cases;
  }

  async function attack(
    caller: TestUser,
    share: number,
    destructive: boolean,
  ): Promise<{ problems: Problem[]; count: number }> {
    const cases = routes
      .filter((route) => (route.method === 'delete') === destructive)
      .flatMap((route) => casesOf(route, caller, share, callers.length));
    const problems: Problem[] = [];
    await mapLimit(cases, CONCURRENCY, async ({ label, request }) => {
      let res: RawResponse;
      try {
        res = await raw.send(request);
      } catch (error) {
        problems.push({ case: label, status: 0, problem: String(error), body: '' });
        return;
      }
      for (const problem of problemsOf(request.method, request.path, res)) {
        problems.push({
          case: label,
          status: res.status,
          problem,
          body: res.body.toString('utf8').slice(0, 300),
        });
      }
    });
    return { problems, count: cases.length };
  }

  it('enumerates every route of the application', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'get /v1/persons/{id}',
        'post /api/onboarding-justifications/{uuid}/attach_document/',
        'get /api/onboarding-justification-documents/{uuid}/download/',
      ]),
    );
  });

  const callers: [string, () => TestUser, number][] = [
    ['staff', () => staff, 0],
    ['support', () => support, 1],
    ['an unrelated partner', () => stranger, 2],
    ['the owner', () => partner, 3],
  ];

  /**
   * The request count is what is bounded (see the count check); the time limit only catches a
   * hang. A few thousand requests take minutes on a machine busy with other suites.
   */
  const ATTACK_TIMEOUT = 300_000;

  // Every caller attacks the full fixtures first; the DELETE routes, which remove them, go last.
  it.each(callers)(
    'never answers 5xx or off-dialect to %s',
    async (_who, caller, share) => {
      const { problems, count } = await attack(caller(), share, false);
      expect(count).toBeLessThan(routes.length * 60);
      expect(problems).toEqual([]);
    },
    ATTACK_TIMEOUT,
  );

  it.each(callers)(
    'never answers 5xx or off-dialect to DELETEs by %s',
    async (_who, caller, share) => {
      const { problems } = await attack(caller(), share, true);
      expect(problems).toEqual([]);
    },
  );

  it.each([
    '/',
    '/v1',
    '/v1?x=1',
    '/v1/',
    '/v1/nope',
    '/api/nope/',
    '//v1/persons',
    '/v1/persons/../../api/users/',
    '/v1/persons%2F..%2F..%2Fapi%2Fusers',
    '/%ZZ',
    '/api/users/me/%ZZ',
    `/v1/${'x'.repeat(8000)}`,
  ])('answers an unknown path without a 5xx, in its dialect: %#', async (path) => {
    for (const caller of [undefined, staff]) {
      const res = await raw.send({
        method: 'get',
        path,
        headers: caller ? { Authorization: caller.auth } : {},
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(problemsOf('get', path, res)).toEqual([]);
    }
  });

  describe('regressions', () => {
    const solarisError = (
      res: { headers: Record<string, string> },
      detail: string,
      field?: string,
      message?: string,
    ) => ({
      errors: [
        {
          id: res.headers['x-request-id'],
          status: 400,
          code: 'validation_error',
          title: 'Validation Error',
          detail,
          ...(field ? { source: { field, message } } : {}),
        },
      ],
    });

    it('answers 400 to a JSON body nested deeper than 64 levels, in both dialects', async () => {
      const deep = '['.repeat(400_000) + ']'.repeat(400_000);
      const api = await t.http
        .post('/api/users/')
        .set('Authorization', staff.auth)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(api.body).toEqual({ non_field_errors: ['The JSON body is nested too deeply.'] });
      const v1 = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .set('Content-Type', 'application/json')
        .send({
          first_name: 'Erika',
          last_name: 'Musterfrau',
          x: JSON.parse('{"a":'.repeat(64) + '1' + '}'.repeat(64)),
        })
        .expect(400);
      expect(v1.body).toEqual(solarisError(v1, 'The JSON body is nested too deeply.'));
      await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({
          first_name: 'Erika',
          last_name: 'Musterfrau',
          x: JSON.parse('{"a":'.repeat(63) + '1' + '}'.repeat(63)),
        })
        .expect(201);
    });

    it('answers 400 naming the field to an unpaired surrogate, which validators would throw on', async () => {
      const api = await t.http
        .post('/api/users/')
        .set('Authorization', staff.auth)
        .send({ username: 'surrogate', email: 'a\ud800@example.com' })
        .expect(400);
      expect(api.body).toEqual({ email: ['Unpaired surrogate characters are not allowed.'] });
      const v1 = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Erika', last_name: 'Musterfrau', email: '\udc00x@example.com' })
        .expect(400);
      expect(v1.body).toEqual(
        solarisError(
          v1,
          'email Unpaired surrogate characters are not allowed.',
          'email',
          'Unpaired surrogate characters are not allowed.',
        ),
      );
      const pair = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Erika 💶', last_name: 'Musterfrau' })
        .expect(201);
      expect(pair.body).toMatchObject({ first_name: 'Erika 💶' });
    });

    it('answers a case variant of a /v1 path, which Express routes alike, in the Solaris dialect', async () => {
      const res = await t.http
        .get(`/V1/PERSONS/${UNKNOWN_HEX}cper`)
        .set('Authorization', partner.auth)
        .expect(404);
      expect(res.body).toEqual({
        errors: [
          {
            id: res.headers['x-request-id'],
            status: 404,
            code: 'model_not_found',
            title: 'Model Not Found',
            detail: `Couldn't find 'Solaris::Person' for id '${UNKNOWN_HEX}cper'.`,
          },
        ],
      });
    });

    it('answers 400 naming the field to a NUL character, in bodies and queries', async () => {
      const body = await t.http
        .post('/v1/persons')
        .set('Authorization', partner.auth)
        .send({ first_name: 'Erika', last_name: 'Muster\u0000frau' })
        .expect(400);
      expect(body.body).toEqual(
        solarisError(
          body,
          'last_name Null characters are not allowed.',
          'last_name',
          'Null characters are not allowed.',
        ),
      );
      const query = await t.http
        .get('/api/audit-events/?action=a%00b')
        .set('Authorization', staff.auth)
        .expect(400);
      expect(query.body).toEqual({ action: ['Null characters are not allowed.'] });
    });

    it('repeats in Link only the query parameters the list accepts', async () => {
      const res = await t.http
        .get(
          `/api/audit-events/?page_size=1&action=verification.started&${'junk=x&'.repeat(1500)}z=1`,
        )
        .set('Authorization', staff.auth)
        .expect(200);
      const link = res.headers.link;
      expect(link).toContain('action=verification.started');
      expect(link).toContain('page_size=1');
      expect(link).not.toContain('junk');
      expect(link).not.toMatch(/[?&]z=/);
      const items = await t.http
        .get(`/v1/persons/${pools.persons[0]}/postbox/items`)
        .query(`filter[created_at][min]=2020-01-01&filter[junk]=${'j'.repeat(6000)}&page[x]=1`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(items.headers.link).toContain('filter[created_at][min]=2020-01-01');
      expect(items.headers.link).toContain('page[size]=10');
      expect(items.headers.link).not.toContain('junk');
      expect(items.headers.link).not.toContain('page[x]');
    });
    it.each([
      ['a control character in a header', '/v1/persons', 'Idempotency-Key: a\x01b\r\n', 400],
      [
        'conflicting Content-Length',
        '/v1/persons',
        'Content-Length: 5\r\nContent-Length: 6\r\n',
        400,
      ],
      ['a DEL in Authorization', '/api/users/me/', 'Authorization: Token \x7f\r\n', 400],
      ['headers over 16 KB', '/api/users/me/', `X-Big: ${'a'.repeat(20_000)}\r\n`, 431],
      ['a malformed chunk', '/v1/persons', 'Transfer-Encoding: chunked\r\n', 400],
    ])(
      "answers a request Node's HTTP parser rejects (%s) in the route's dialect",
      async (_case, path, header, status) => {
        const reply = await raw.sendBytes(
          `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${partner.auth}\r\n${header}` +
            'Content-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
        );
        const [head, body] = reply.split('\r\n\r\n');
        const requestId = /\r\nX-Request-Id: ([0-9a-f-]{36})\r\n/.exec(head)?.[1];
        expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
        expect(head).toContain('\r\nContent-Type: application/json; charset=utf-8\r\n');
        expect(requestId).toBeDefined();
        const detail =
          status === 431 ? 'The request headers are too large.' : 'The HTTP request is malformed.';
        const code = status === 431 ? 'request_header_fields_too_large' : 'bad_request';
        expect(JSON.parse(body)).toEqual(
          path.startsWith('/v1/')
            ? {
                errors: [
                  {
                    id: requestId,
                    status,
                    code,
                    title: status === 431 ? 'Request Header Fields Too Large' : 'Bad Request',
                    detail,
                  },
                ],
              }
            : { detail },
        );
      },
    );
  });

  describe('races', () => {
    it('leaves exactly one working key when tokens are issued concurrently', async () => {
      const user = await createUser(t.app);
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http.post(`/api/users/${user.user.id}/token/`).set('Authorization', staff.auth),
        ),
      );
      expect(responses.map((res) => res.status)).toEqual(Array(10).fill(201));
      const keys = responses.map((res) => (res.body as { token: string }).token);
      expect(new Set(keys).size).toBe(10);
      const working = await mapLimit([...keys, user.token], 4, async (key) => {
        const res = await t.http.get('/api/users/me/').set('Authorization', `Token ${key}`);
        expect([200, 401]).toContain(res.status);
        return res.status === 200;
      });
      expect(working.filter(Boolean)).toHaveLength(1);
      expect(working[keys.length]).toBe(false);
    });

    it('never orphans a document file when a verification is deleted during an upload', async () => {
      for (let round = 0; round < 6; round++) {
        const verification = await failedVerification(t, partner, staff);
        const justification = await justify(t, partner, verification.uuid);
        const file = Buffer.concat([pdf, Buffer.from(`% round ${round} ${Date.now()}\n`)]);
        const [attach, remove] = await Promise.all([
          t.http
            .post(`/api/onboarding-justifications/${justification.uuid}/attach_document/`)
            .set('Authorization', partner.auth)
            .attach('file', file, 'evidence.pdf'),
          t.http
            .delete(`/api/onboarding-verifications/${verification.uuid}/`)
            .set('Authorization', partner.auth),
        ]);
        expect(remove.status).toBe(204);
        expect([200, 404]).toContain(attach.status);
        const sha256 = createHash('sha256').update(file).digest('hex');
        const leftovers = await db.query(
          `SELECT (SELECT count(*) FROM stored_files WHERE sha256 = $1)::int AS files,
                  (SELECT count(*) FROM onboarding_justifications WHERE id = $2)::int AS justifications`,
          [sha256, justification.uuid],
        );
        expect(leftovers.rows[0]).toEqual({ files: 0, justifications: 0 });
      }
    });

    it('records exactly one result of many concurrent ones for a verification', async () => {
      const verification = await startVerification(t, partner, {
        validation_method: 'ariregister',
      });
      // Final results only: an escalated verification may still take a later result.
      const results = ['verified', 'failed', 'verified', 'failed', 'verified', 'failed'];
      const responses = await Promise.all(
        results.map((status) =>
          t.http
            .post(`/api/onboarding-verifications/${verification.uuid}/record_result/`)
            .set('Authorization', staff.auth)
            .send({ status }),
        ),
      );
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      const winner = responses.find((res) => res.status === 200)!;
      const stored = await t.http
        .get(`/api/onboarding-verifications/${verification.uuid}/`)
        .set('Authorization', partner.auth)
        .expect(200);
      expect(stored.body.status).toBe((winner.body as ApiObject).status);
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(res.body).toEqual({
          detail: 'A result can only be recorded for a pending or escalated verification.',
        });
      }
    });

    it('deletes a verification exactly once under concurrent deletes', async () => {
      const verification = await failedVerification(t, partner, staff);
      const statuses = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          t.http
            .delete(`/api/onboarding-verifications/${verification.uuid}/`)
            .set('Authorization', n % 2 ? staff.auth : partner.auth)
            .then((res) => res.status),
        ),
      );
      expect(statuses.sort()).toEqual([204, 404, 404, 404, 404, 404, 404, 404]);
      const audit = await db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'verification.deleted' AND object_id = $1`,
        [verification.uuid],
      );
      expect(audit.rows[0]).toEqual({ n: 1 });
    });
  });
});
