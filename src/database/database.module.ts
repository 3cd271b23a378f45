import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { runMigrationsLocked } from './migrations.js';
import { Transactions } from './transactions.js';

export interface DatabaseModuleOptions {
  url: string;
}

/**
 * TypeORM on the given PostgreSQL; pending migrations run (under a lock) before anything else.
 * Global: every feature service uses its Transactions.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot({ url }: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(url, config.databasePoolSize),
            entities: [],
            autoLoadEntities: true,
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
