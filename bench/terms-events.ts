/**
 * T&C event index benchmark: 100,000 consent events of 5,000 persons (two partners) on an embedded
 * PostgreSQL, then p50/p95/p99 latency over real HTTP (127.0.0.1) of two filtered first pages as a
 * partner sees them (one signer's approvals; one product's approvals of the last 90 days), and the
 * EXPLAIN (ANALYZE, BUFFERS) plans of their page and count queries.
 *
 *   npm run bench:terms      (BENCH_PG_PORT, BENCH_EVENTS, BENCH_PERSONS, BENCH_REQUESTS)
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../src/app.setup.js';
import { generateApiKey } from '../src/common/auth/tokens.js';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { timeBoundsOf } from '../src/common/validation/time-range.js';
import { TERMS_PRODUCTS } from '../src/terms/terms.constants.js';
import { termsEventsQuery, type TermsEventsFilter } from '../src/terms/terms-events.query.js';
import { UsersService } from '../src/users/users.service.js';
import { explain, fetchJson, freePort, measure, report } from './support/latency.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const PERSONS = Number(process.env.BENCH_PERSONS ?? 5_000);
const DAY_MS = 24 * 3600_000;
/** Every tenth person belongs to a second partner, so the partner scope filters something. */
const OTHER_PARTNER_EVERY = 10;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-terms-'));
  // PostgreSQL runs as its own OS user when the bench runs as root; it must reach the directory.
  await chmod(dataDir, 0o755);
  const port = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';
  const database = await startEmbeddedPostgres({ dataDir, port });
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: database.url }), {
    ...APP_OPTIONS,
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const dataSource = app.get(DataSource);

  try {
    const users = app.get(UsersService);
    const partner = await users.create({ username: 'bench-partner' });
    const otherPartner = await users.create({ username: 'bench-other-partner' });
    const staff = await users.create({ username: 'bench-staff', is_staff: true });
    const key = generateApiKey();
    await users.setKey(partner.id, key);
    const auth = { Authorization: `Token ${key}` };

    const seeded = performance.now();
    await seed(dataSource, partner.id, otherPartner.id, staff.id);
    console.log(
      `seeded ${EVENTS.toLocaleString('en')} events of ${PERSONS.toLocaleString('en')} persons ` +
        `in ${((performance.now() - seeded) / 1000).toFixed(1)} s (ANALYZE included)`,
    );

    const min = new Date(Date.now() - 90 * DAY_MS).toISOString();
    // Persons of the bench partner only (the others are not visible to it).
    const signerOf = (n: number) => {
      const g = ((n * 7) % PERSONS) + 1;
      return personId(g % OTHER_PARTNER_EVERY === 0 ? g - 1 : g);
    };
    const bySignerUrl = (n: number) =>
      `${base}/v1/terms_and_conditions_events?filter[signed_by]=${signerOf(n)}` +
      `&filter[event_type]=APPROVED&page[number]=1&page[size]=10`;
    const byProductUrl = (n: number) =>
      `${base}/v1/terms_and_conditions_events?filter[product_name]=${TERMS_PRODUCTS[n % TERMS_PRODUCTS.length]}` +
      `&filter[event_type]=APPROVED&filter[event_timestamp][min]=${min}&page[number]=1&page[size]=10`;

    for (const [name, url] of [
      ['by signer', bySignerUrl(42)],
      ['by product', byProductUrl(0)],
    ] as const) {
      const sample = await fetchJson(url, auth);
      console.log(
        `sample ${name}: ${sample.status}, ${sample.body.length} events, Total ${sample.total ?? '-'}`,
      );
    }

    report("one signer's approvals, first page", await measure(bySignerUrl, auth));
    report(
      "one product's approvals of the last 90 days, first page",
      await measure(byProductUrl, auth),
    );

    const window = { page: 1, size: 10, skip: 0, take: 10 };
    await explainList(
      dataSource,
      "one signer's approvals",
      {
        partnerId: partner.id,
        signedBy: signerOf(42),
        eventType: 'APPROVED',
        bounds: {},
      },
      window,
    );
    await explainList(
      dataSource,
      "one product's approvals of the last 90 days",
      {
        partnerId: partner.id,
        productName: 'DIGITAL_BANKING',
        eventType: 'APPROVED',
        bounds: timeBoundsOf({ min }, 'filter.event_timestamp'),
      },
      window,
    );
  } finally {
    await app.close();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The seeded ids are md5 hex plus the type suffix, so requests can name them without a lookup. */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const personId = (n: number) => `${md5(`p${n}`)}cper`;

async function seed(
  dataSource: DataSource,
  partnerId: string,
  otherPartnerId: string,
  staffId: string,
): Promise<void> {
  const products = `ARRAY[${TERMS_PRODUCTS.map((p) => `'${p}'`).join(',')}]`;
  await dataSource.query(
    `INSERT INTO persons (id, partner_id, first_name, last_name, created_at, updated_at)
     SELECT md5('p' || g) || 'cper',
            CASE WHEN g % ${OTHER_PARTNER_EVERY} = 0 THEN $2::uuid ELSE $1::uuid END,
            'Bench', 'Signer ' || g, now(), now()
     FROM generate_series(1, ${PERSONS}) AS g`,
    [partnerId, otherPartnerId],
  );
  // One document per product and version: 4 versions of each.
  await dataSource.query(
    `INSERT INTO terms_documents (id, name, product_name, version, created_by)
     SELECT md5('d' || g) || 'tcdc', 'T&C ' || g, (${products})[(g % 5) + 1], 'v' || (g / 5), $1
     FROM generate_series(0, 19) AS g`,
    [staffId],
  );
  // Events: signers round-robin, documents cycling, each signer's decisions alternating per
  // round, timestamps spread over the past year.
  await dataSource.query(
    `INSERT INTO terms_events (id, document_id, document_name, event_timestamp, created_at,
       event_type, signed_by, signed_on_behalf_of, product_name, partner_id)
     SELECT md5('e' || g),
            md5('d' || (g % 20)) || 'tcdc', 'T&C ' || (g % 20),
            now() - g * interval '1 second' * ${(365 * 24 * 3600) / EVENTS},
            now() - g * interval '1 second' * ${(365 * 24 * 3600) / EVENTS},
            CASE WHEN (g / ${PERSONS}) % 2 = 0 THEN 'APPROVED' ELSE 'REJECTED' END,
            md5('p' || ((g % ${PERSONS}) + 1)) || 'cper',
            NULL,
            (${products})[(g % 5) + 1],
            CASE WHEN ((g % ${PERSONS}) + 1) % ${OTHER_PARTNER_EVERY} = 0 THEN $2::uuid ELSE $1::uuid END
     FROM generate_series(1, ${EVENTS}) AS g`,
    [partnerId, otherPartnerId],
  );
  await dataSource.query('ANALYZE persons, terms_documents, terms_events');
}

async function explainList(
  dataSource: DataSource,
  name: string,
  filter: TermsEventsFilter,
  window: { page: number; size: number; skip: number; take: number },
): Promise<void> {
  const query = termsEventsQuery(dataSource.manager, filter, window);
  const [pageSql, parameters] = query.getQueryAndParameters();
  const [countSql] = query
    .clone()
    .orderBy()
    .offset(undefined)
    .limit(undefined)
    .select('COUNT(*)', 'cnt')
    .getQueryAndParameters();
  await explain(dataSource, `${name}: page`, pageSql, parameters);
  await explain(dataSource, `${name}: count (Total header)`, countSql, parameters);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
