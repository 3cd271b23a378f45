import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One definition of the schema's sources, shared by the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    // Classes, not a glob: nothing is imported dynamically, so the list works under any loader.
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    poolSize,
    extra: {
      application_name: 'compliance-service',
      // Every transaction is READ COMMITTED whatever the server's default (the idempotency and
      // decision designs rely on it), set once per connection instead of once per transaction.
      options: '-c default_transaction_isolation=read\\ committed',
    },
  };
}
