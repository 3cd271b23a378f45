/**
 * Postbox list benchmark: 1,000,000 items across 10,000 owners on an embedded PostgreSQL, then
 * p50/p95 latency over real HTTP (127.0.0.1) of a filtered first-page list and of an item GET,
 * and the EXPLAIN (ANALYZE, BUFFERS) plans of the list queries.
 *
 *   npm run bench:postbox            (BENCH_PG_PORT, BENCH_ITEMS, BENCH_OWNERS, BENCH_REQUESTS)
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
import { POSTBOX_DOCUMENT_TYPES } from '../src/postbox/postbox-document-types.js';
import { postboxItemsQuery } from '../src/postbox/postbox-items.query.js';
import { UsersService } from '../src/users/users.service.js';
import { explain, fetchJson, freePort, measure, report } from './support/latency.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const OWNERS = Number(process.env.BENCH_OWNERS ?? 10_000);
const DAY_MS = 24 * 3600_000;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-postbox-'));
  // PostgreSQL runs as its own OS user when the bench runs as root; it must reach the directory.
  await chmod(dataDir, 0o755);
  const port = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'silent';
  process.env.SANDBOX = 'true';
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
    const key = generateApiKey();
    await users.setKey(partner.id, key);
    const auth = { Authorization: `Token ${key}` };

    const seeded = performance.now();
    await seed(dataSource, partner.id);
    console.log(
      `seeded ${ITEMS.toLocaleString('en')} items across ${OWNERS.toLocaleString('en')} owners ` +
        `in ${((performance.now() - seeded) / 1000).toFixed(1)} s (ANALYZE included)`,
    );

    const now = Date.now();
    const min = new Date(now - 180 * DAY_MS).toISOString();
    const types = 'ACCOUNT_STATEMENT,BALANCE_CONFIRMATION,FEE_SUMMARY_STATEMENT';
    const ownerOf = (n: number) => personId((n % OWNERS) + 1);
    const listUrl = (n: number) =>
      `${base}/v1/persons/${ownerOf(n)}/postbox/items?filter[document_type]=${types}` +
      `&filter[created_at][min]=${min}&page[number]=1&page[size]=10`;
    const itemUrl = (n: number) => `${base}/v1/postbox/items/${itemId(((n * 7919) % ITEMS) + 1)}`;

    const sample = await fetchJson(listUrl(42), auth);
    console.log(
      `sample list: ${sample.status}, ${sample.body.length} items, Total ${sample.total ?? '-'}`,
    );

    report('filtered first-page list', await measure((n) => listUrl(n * 37), auth));
    report('item GET', await measure(itemUrl, auth));

    const owner = ownerOf(42);
    const query = postboxItemsQuery(
      dataSource.manager,
      owner,
      { types: types.split(','), bounds: timeBoundsOf({ min }, 'filter.created_at') },
      { page: 1, size: 10, skip: 0, take: 10 },
    );
    const [pageSql, parameters] = query.getQueryAndParameters();
    const [countSql] = query
      .clone()
      .orderBy()
      .offset(undefined)
      .limit(undefined)
      .select('COUNT(*)', 'cnt')
      .getQueryAndParameters();
    await explain(dataSource, 'list page', pageSql, parameters);
    await explain(dataSource, 'list count (Total header)', countSql, parameters);
  } finally {
    await app.close();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The seeded ids are md5 hex plus the type suffix, so requests can name them without a lookup. */
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const personId = (n: number) => `${md5(`p${n}`)}cper`;
const itemId = (n: number) => `${md5(`i${n}`)}pbxi`;

async function seed(dataSource: DataSource, partnerId: string): Promise<void> {
  const types = `ARRAY[${POSTBOX_DOCUMENT_TYPES.map((t) => `'${t}'`).join(',')}]`;
  await dataSource.query(
    `INSERT INTO persons (id, partner_id, first_name, last_name, created_at, updated_at)
     SELECT md5('p' || g) || 'cper', $1, 'Bench', 'Owner ' || g, now(), now()
     FROM generate_series(1, ${OWNERS}) AS g`,
    [partnerId],
  );
  const [file] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO stored_files (content_type, size, sha256) VALUES ('application/pdf', 9, repeat('0', 64)) RETURNING id`,
  );
  await dataSource.query(
    `INSERT INTO postbox_documents (id, partner_id, document_type, document_date, file_id)
     VALUES (md5('bench-document') || 'pbxd', $1, 'ACCOUNT_STATEMENT', '2026-01-01', $2)`,
    [partnerId, file.id],
  );
  // One statement: owners round-robin, types cycling, created_at spread over the past year.
  await dataSource.query(
    `INSERT INTO postbox_items (id, belongs_to, owner_type, partner_id, created_at, document_date,
       document_type, name, description, customer_notification, customer_confirmation,
       document_id, file_id, document_size, document_content_type)
     SELECT md5('i' || g) || 'pbxi',
            md5('p' || ((g % ${OWNERS}) + 1)) || 'cper',
            'Person', $1,
            now() - g * interval '1 second' * ${(365 * 24 * 3600) / ITEMS},
            date '2026-01-01' - (g % 365),
            (${types})[((g / ${OWNERS}) % 24) + 1],
            'Statement ' || g, 'Bench item', false, (g % 5 = 0),
            md5('bench-document') || 'pbxd', $2, 9, 'application/pdf'
     FROM generate_series(1, ${ITEMS}) AS g`,
    [partnerId, file.id],
  );
  await dataSource.query('ANALYZE persons, postbox_items');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
