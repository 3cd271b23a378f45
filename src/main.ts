import 'reflect-metadata';
import * as nodeModule from 'node:module';
import { ConfigValidationError, loadEnv } from './config/env.validation.js';
import {
  assertDatabaseConfigured,
  openDatabase,
  StartupError,
} from './database/database-server.js';

// Node 22+ keeps the compiled code of every module on disk, so later starts skip compiling (Node 20
// has no such cache). Enabled before Nest and the features are imported below.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  // A refused start (bad configuration, no DATABASE_URL in production) answers at once, before
  // any module loading; otherwise Nest and the features (a second or more) load while the
  // database starts.
  assertDatabaseConfigured(env);
  const loading = Promise.all([
    import('@nestjs/common'),
    import('@nestjs/core'),
    import('./app.module.js'),
    import('./app.setup.js'),
  ]);
  loading.catch(() => undefined); // awaited below, after the database started (or failed to)
  const database = await openDatabase(env);
  const [{ Logger }, { NestFactory }, { AppModule }, { APP_OPTIONS, configureApp }] =
    await loading.catch(async (error: unknown) => {
      await database.stop();
      throw error;
    });
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: database.url, env }), {
    ...APP_OPTIONS,
    // Errors reach the handler below, which stops the embedded database, instead of an abort.
    abortOnError: false,
  })
    .then(async (created) => {
      configureApp(created);
      await created.listen(env.PORT, env.HOST);
      return created;
    })
    .catch(async (error: unknown) => {
      await database.stop();
      throw error;
    });
  const logger = new Logger('Bootstrap');
  logger.log(`Listening on http://${env.HOST}:${env.PORT} (Swagger UI at /docs)`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: closing`);
    void app
      .close()
      .then(() => database.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

bootstrap().catch((error: unknown) => {
  const expected = error instanceof ConfigValidationError || error instanceof StartupError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
