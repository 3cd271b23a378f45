/**
 * Migration CLI over the app's own data source: `run`, `revert`, `show`, `generate <Name>` and
 * `check` (fails when the entities and the migrations disagree). With no DATABASE_URL it works on
 * the embedded PostgreSQL, like the app.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env.validation.js';
import { dataSourceOptions } from './data-source.js';
import { openDatabase } from './database-server.js';
import { runMigrationsLocked } from './migrations.js';

const MIGRATIONS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'migrations',
);

async function main(command: string | undefined, name: string | undefined): Promise<number> {
  const env = loadEnv();
  const database = await openDatabase(env);
  const dataSource = new DataSource(dataSourceOptions(database.url, 2));
  try {
    await dataSource.initialize();
    switch (command) {
      case 'run': {
        const applied = await runMigrationsLocked(dataSource);
        console.log(
          `Applied ${applied.length} migration(s)${applied.map((m) => `\n  ${m.name}`).join('')}`,
        );
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        return 0;
      case 'show':
        return (await dataSource.showMigrations()) ? 1 : 0;
      case 'check':
      case 'generate': {
        await runMigrationsLocked(dataSource);
        const sql = await dataSource.driver.createSchemaBuilder().log();
        if (command === 'check') {
          if (sql.upQueries.length === 0) {
            console.log('Entities and migrations agree.');
            return 0;
          }
          console.error('Entities and migrations disagree; a new migration would run:');
          sql.upQueries.forEach((q) => console.error(`  ${q.query};`));
          return 1;
        }
        if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
          console.error('usage: migration:generate <PascalCaseName>');
          return 2;
        }
        if (sql.upQueries.length === 0) {
          console.log('No changes in the entities; nothing generated.');
          return 0;
        }
        const timestamp = Date.now();
        const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
        await writeFile(
          file,
          migrationSource(`${name}${timestamp}`, sql.upQueries, sql.downQueries),
        );
        await writeMigrationIndex();
        console.log(`Wrote ${file} and migrations/index.ts`);
        return 0;
      }
      default:
        console.error('usage: migrate.js run|revert|show|check|generate <Name>');
        return 2;
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

type Query = { query: string; parameters?: unknown[] };

/** Rewrites migrations/index.ts: every migration file, in timestamp order. */
async function writeMigrationIndex(): Promise<void> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d+-\w+\.ts$/.test(f)).sort();
  const entries = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(join(MIGRATIONS_DIR, file), 'utf8');
      const className = /export class (\w+)/.exec(source)?.[1];
      if (!className) throw new Error(`No migration class in ${file}`);
      return { className, module: `./${file.replace(/\.ts$/, '.js')}` };
    }),
  );
  await writeFile(
    join(MIGRATIONS_DIR, 'index.ts'),
    `// Every migration, oldest first. Rewritten by \`npm run migration:generate\`.\n` +
      entries.map((e) => `import { ${e.className} } from '${e.module}';\n`).join('') +
      `\nexport const migrations = [\n${entries.map((e) => `  ${e.className},\n`).join('')}];\n`,
  );
}

function migrationSource(className: string, up: Query[], down: Query[]): string {
  const lines = (queries: Query[]) =>
    queries
      .map(
        (q) =>
          `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
      )
      .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines([...down].reverse())}
  }
}
`;
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
