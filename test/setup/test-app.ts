import { randomBytes } from 'node:crypto';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import pg from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { AppModule } from '../../src/app.module.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { APP_OPTIONS, configureApp } from '../../src/app.setup.js';

type ModuleImport = Type<unknown> | DynamicModule;

export interface TestApp {
  app: INestApplication;
  /** supertest bound to the app's real HTTP listener on 127.0.0.1. */
  http: TestAgent;
  baseUrl: string;
  databaseUrl: string;
  close(): Promise<void>;
}

const OBJECT_IN_USE = '55006';

/** A fresh database cloned from the migrated template, so suites never see each other's rows. */
export async function createSuiteDatabase(): Promise<string> {
  const templateUrl = new URL(process.env.TEST_TEMPLATE_DATABASE_URL!);
  const name = `suite_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateUrl.pathname.slice(1)}`);
        break;
      } catch (error) {
        // Two suites cloning the template at the same instant: wait and try again.
        if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(templateUrl, name);
}

export async function dropSuiteDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(new URL(url), 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Boots the whole application exactly as main.ts does (same module, same configureApp) on its own
 * database, listening on 127.0.0.1.
 */
export async function createTestApp(
  options: {
    /** Test-only modules mounted beside the application. */
    imports?: ModuleImport[];
    customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
    /** Share an existing database (several app instances on one database). */
    databaseUrl?: string;
    /** Configuration values that replace the environment's. */
    config?: Partial<AppConfig>;
  } = {},
): Promise<TestApp> {
  const { imports = [], customize = (builder) => builder, databaseUrl, config } = options;
  const url = databaseUrl ?? (await createSuiteDatabase());
  const moduleRef = await customize(
    Test.createTestingModule({
      imports: [AppModule.forRoot({ databaseUrl: url, config }), ...imports],
    }),
  ).compile();
  const app = moduleRef.createNestApplication(APP_OPTIONS);
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const http = request(baseUrl.replace('[::1]', '127.0.0.1'));
  return {
    app,
    http,
    baseUrl,
    databaseUrl: url,
    close: async () => {
      await app.close();
      if (!databaseUrl) await dropSuiteDatabase(url);
    },
  };
}

function withDatabase(url: URL, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}
