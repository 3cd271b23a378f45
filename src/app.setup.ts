import type { INestApplication } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import type {
  NestExpressApplication,
  NestExpressBodyParserOptionsFor,
} from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { completeDocument } from './common/openapi/openapi-document.js';
import { RequestValidationPipe } from './common/validation/validation.pipe.js';
import { PUBLIC_BASE_URL_SETTING } from './common/http/base-url.js';
import { answerClientError } from './common/errors/client-error.js';
import { rejectDeepJson } from './common/http/json-depth.js';
import { requestIdMiddleware } from './common/http/request-id.middleware.js';
import { AppLogger } from './logging/logging.module.js';
import openApiMetadata from './openapi-metadata.js';
import { loadPluginMetadata } from './common/openapi/plugin-metadata.js';

/** Options for NestFactory.create / createNestApplication, shared by main.ts and the tests. */
export const APP_OPTIONS = { bufferLogs: true, bodyParser: false } as const;

const JSON_BODY_LIMIT = '1mb';

// What the Swagger plugin read from the types (see scripts/build.js): the same document whether the
// code was built by scripts/build.js or transpiled by Jest.
await loadPluginMetadata(openApiMetadata);

/** Everything main.ts and the e2e tests must configure alike: pipes, filters, parsers, docs. */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(AppLogger));
  express.set('query parser', 'extended');
  express.set('x-powered-by', false);
  express.set(PUBLIC_BASE_URL_SETTING, app.get(AppConfig).publicBaseUrl);
  express.getHttpServer().on('clientError', answerClientError);
  express.use(requestIdMiddleware);
  // Nest's options type reserves `verify` for its rawBody mode, which this app does not use.
  express.useBodyParser('json', {
    limit: JSON_BODY_LIMIT,
    verify: rejectDeepJson,
  } as NestExpressBodyParserOptionsFor<'json'>);
  express.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: true });
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useGlobalPipes(new RequestValidationPipe());
  setupSwagger(app);
}

function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Compliance service')
    .setDescription(
      'Onboarding (`/api/`, Waldur-compatible) and compliance features (`/v1/`, Solaris-compatible). ' +
        'Authenticate with `Authorization: Token <key>` or `Bearer <key>`.',
    )
    .setVersion('1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'API key (also accepted as `Token <key>`)',
    })
    .addSecurityRequirements('bearer')
    .build();
  const documentFactory = () => completeDocument(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, documentFactory, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
