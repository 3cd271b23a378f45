import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { APP_OPTIONS, configureApp } from './app.setup.js';
import { ConfigValidationError, loadEnv } from './config/env.validation.js';
import { openDatabase } from './database/database-server.js';
import { UnreachableByPostgresError } from './database/embedded-postgres.js';

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const database = await openDatabase(env);
  const app = await NestFactory.create(
    AppModule.forRoot({ databaseUrl: database.url, env }),
    APP_OPTIONS,
  ).catch(async (error: unknown) => {
    await database.stop();
    throw error;
  });
  configureApp(app);
  await app.listen(env.PORT, env.HOST);
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
  const expected =
    error instanceof ConfigValidationError || error instanceof UnreachableByPostgresError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
