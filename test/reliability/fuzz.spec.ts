import { problemsOf } from '../support/error-dialect.js';
import { mapLimit, RawHttp, type RawResponse } from '../support/raw-http.js';
import {
  call,
  createApiUser,
  Database,
  newAdminToken,
  ServiceProcess,
} from '../support/service-process.js';
import { pendingJustification } from './onboarding.js';
import { type FuzzCase, type OpenApi, OpenApiFuzzer } from './openapi-fuzzer.js';

/**
 * OpenAPI-driven fuzzing of the compiled service: every operation in /docs-json gets malformed
 * requests (see OpenApiFuzzer) as a partner, as staff, without credentials and with bad ones.
 * No answer may be a 5xx; every error body is in the route family's dialect with its request id;
 * input that breaks the documented schema is refused with a 4xx.
 */

const MIN_REQUESTS = 5_000;
const MIN_PER_OPERATION = 40;
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe('OpenAPI-driven fuzzing', () => {
  let database: Database;
  let service: ServiceProcess;
  let raw: RawHttp;
  const admin = newAdminToken();

  beforeAll(async () => {
    database = await Database.start();
    service = await ServiceProcess.start({ databaseUrl: database.url, adminToken: admin });
    raw = new RawHttp(service.baseUrl);
  });

  afterAll(async () => {
    raw?.close();
    await service?.stop();
    await database?.destroy();
  });

  /** One real object of each kind, owned by `partner`, so ids reach past the 404s. */
  async function fixtures(partner: { token: string }) {
    const as = (method: string, path: string, body?: unknown) =>
      call(service.baseUrl, method, path, { token: partner.token, body }).then((res) => {
        if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
        return res.body as Record<string, string>;
      });
    const person = await as('POST', '/v1/persons', { first_name: 'Fuzz', last_name: 'Person' });
    const business = await as('POST', '/v1/businesses', { name: 'Fuzz GmbH' });
    const document = await as('POST', '/v1/postbox/documents', {
      document_type: 'ACCOUNT_STATEMENT',
      document_date: '2021-06-30',
    });
    const item = await as('POST', `/v1/persons/${person.id}/postbox/items`, {
      name: 'Statement',
      document_id: document.id,
      customer_confirmation: true,
    });
    const confirmation = await as('POST', `/v1/postbox/items/${item.id}/confirmations`, {
      person_id: person.id,
    });
    const justification = await pendingJustification([service], partner.token);
    const { body: shown } = await call(
      service.baseUrl,
      'GET',
      `/api/onboarding-justifications/${justification}/`,
      { token: partner.token },
    );
    const form = new FormData();
    form.append(
      'file',
      new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }),
      'a.pdf',
    );
    const attached = await fetch(
      `${service.baseUrl}/api/onboarding-justifications/${justification}/attach_document/`,
      { method: 'POST', headers: { Authorization: `Token ${partner.token}` }, body: form },
    ).then((res) => res.json() as Promise<{ uuid: string }>);
    return {
      persons: person.id,
      businesses: business.id,
      items: item.id,
      confirmations: confirmation.id,
      'onboarding-verifications': String(shown.verification_uuid),
      'onboarding-justifications': justification,
      'onboarding-justification-documents': attached.uuid,
    };
  }

  it('answers thousands of malformed requests on every route without a 5xx, in dialect', async () => {
    const [partner, staff, bystander] = await Promise.all([
      createApiUser(service.baseUrl, admin),
      createApiUser(service.baseUrl, admin, { staff: true }),
      createApiUser(service.baseUrl, admin),
    ]);
    // User routes get the bystander: issuing a token revokes the previous one, and the fuzzing
    // must not lock out the partner and staff it sends as.
    const ids = { ...(await fixtures(partner)), users: bystander.uuid };
    const document = (await call(service.baseUrl, 'GET', '/docs-json')).body as OpenApi;
    const fuzzer = new OpenApiFuzzer(document, ids, SEED);
    const operations = fuzzer.operations();
    const cases = fuzzer.cases(
      { partner: `Token ${partner.token}`, staff: `Bearer ${staff.token}` },
      {
        none: undefined,
        'unknown token': 'Token not-a-real-key-0123456789abcdef',
        'empty bearer': 'Bearer ',
        basic: 'Basic dXNlcjpwYXNz',
      },
    );

    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, number>();
    await mapLimit(cases, CONCURRENCY, async (fuzz: FuzzCase) => {
      let res: RawResponse;
      try {
        res = await raw.send(fuzz.request);
      } catch (error) {
        problems.push(`${fuzz.label}: no answer (${(error as Error).message})`);
        return;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      perRoute.set(fuzz.route, (perRoute.get(fuzz.route) ?? 0) + 1);
      const path = fuzz.request.path.split('?')[0];
      for (const problem of problemsOf(fuzz.request.method, path, res)) {
        problems.push(`${fuzz.label}: ${problem} ${res.body.toString('utf8').slice(0, 200)}`);
      }
      if (fuzz.mustReject && res.status < 400) {
        problems.push(`${fuzz.label}: accepted with ${res.status}`);
      }
    });

    const fiveHundreds = [...statuses].filter(([status]) => status >= 500);
    expect({ problems: problems.slice(0, 40), count: problems.length }).toEqual({
      problems: [],
      count: 0,
    });
    expect(fiveHundreds).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // Every documented operation was fuzzed, new ones included.
    expect(operations.length).toBeGreaterThan(40);
    const underCovered = operations
      .map((operation) => ({ operation, requests: perRoute.get(operation) ?? 0 }))
      .filter(({ requests }) => requests < MIN_PER_OPERATION);
    expect(underCovered).toEqual([]);
    // Figures for the record: requests, routes and the status mix.
    process.stdout.write(
      `fuzz: ${cases.length} requests over ${operations.length} operations (seed ${SEED}); ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
    );
  }, 600_000);
});
