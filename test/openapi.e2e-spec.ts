import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { ACCESS, IS_PUBLIC } from '../src/common/auth/auth.decorators.js';
import { METADATA_PART } from '../src/postbox/multipart-metadata.interceptor.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/*
 * The document under test is the one production serves: the app built by scripts/build.js (with
 * the Swagger plugin's committed metadata, src/openapi-metadata.ts) started as
 * `node dist/src/main.js` on this suite's database. The routes and their validation rules come from the same application booted in Jest,
 * so the two are checked against each other: nothing here lists routes or fields by hand.
 */

// OpenAPI documents are walked generically; their shape is what the assertions check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>;

interface Route {
  method: string;
  /** The path as Express matches it, e.g. `/api/users/:uuid`. */
  expressPath: string;
  /** The path as the document names it, e.g. `/api/users/{uuid}/`. */
  documentPath: string;
  controller: Type<unknown>;
  handler: (...args: unknown[]) => unknown;
  methodName: string;
}

/** Served beside the controllers: Swagger UI and Nest's catch-all for unknown routes. */
const NOT_CONTROLLER_ROUTES = /^(\/docs(-json|-yaml|\/|$)|\{\/\*splat\}$)/;
const BINARY_TYPES = /^(application\/(pdf|octet-stream)|image\/(png|jpeg))$/;

describe('OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let server: ChildProcess;
  let serverUrl: string;
  let dataDir: string;
  let document: Schema;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp();
    routes = registeredRoutes(t);
    dataDir = await mkdtemp(join(tmpdir(), 'openapi-'));
    const port = await freePort();
    serverUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [resolve('dist/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: t.databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        ADMIN_TOKEN: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'silent',
        SANDBOX: 'true',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    document = await fetchDocument(server, serverUrl);
  });

  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
    await t?.close();
  });

  const operation = (route: Route): Schema => document.paths[route.documentPath]?.[route.method];
  /** The documented operations of the registered routes (the first test reports the others). */
  const operations = (): { route: Route; op: Schema }[] =>
    routes.flatMap((route) => (operation(route) ? [{ route, op: operation(route) }] : []));

  it('finds the routes of the application', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'get', documentPath: '/api/users/{uuid}/' }),
    );
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'post', documentPath: '/v1/persons' }),
    );
  });

  it('knows exactly the routes Express serves (besides the docs and the 404 catch-all)', () => {
    expect(routes.map((r) => `${r.method} ${r.expressPath}`).sort()).toEqual(
      expressRouteKeys(t)
        .filter((key) => !NOT_CONTROLLER_ROUTES.test(key.split(' ')[1]))
        .sort(),
    );
  });

  it('documents every registered route with its method, and nothing else', () => {
    const missing = routes
      .filter((route) => !operation(route))
      .map((r) => `${r.method} ${r.documentPath}`);
    expect(missing).toEqual([]);
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.documentPath}`).sort());
  });

  it('gives every operation a tag, a summary and a unique operationId', () => {
    const gaps = operations().flatMap(({ route, op }) => [
      ...(op.tags?.length ? [] : [`${route.documentPath} ${route.method}: no tag`]),
      ...(op.summary ? [] : [`${route.documentPath} ${route.method}: no summary`]),
    ]);
    expect(gaps).toEqual([]);
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every operation a success response with a schema, or a declared file type', () => {
    const gaps = operations().flatMap(({ route, op }) => {
      const where = `${route.method} ${route.documentPath}`;
      const successes = Object.entries(op.responses as Schema).filter(([code]) =>
        code.startsWith('2'),
      );
      if (successes.length === 0) return [`${where}: no success response`];
      return successes.flatMap(([code, response]) => {
        // 204 and HEAD answers have no body by HTTP.
        if (code === '204' || route.method === 'head') {
          return response.content ? [`${where}: ${code} with a body`] : [];
        }
        const content = Object.entries((response.content ?? {}) as Schema);
        if (content.length === 0) return [`${where}: ${code} without content`];
        return content.flatMap(([type, media]) => {
          if (type === 'application/json') {
            return media.schema ? [] : [`${where}: ${code} ${type} without a schema`];
          }
          const binary = media.schema?.type === 'string' && media.schema?.format === 'binary';
          return BINARY_TYPES.test(type) && binary ? [] : [`${where}: ${code} ${type} not binary`];
        });
      });
    });
    expect(gaps).toEqual([]);
  });

  it("documents the error responses of each route's dialect", () => {
    const gaps = operations().flatMap(({ route, op }) => {
      const where = `${route.method} ${route.documentPath}`;
      const dialect = route.documentPath.startsWith('/v1/')
        ? 'solaris'
        : route.documentPath.startsWith('/api/')
          ? 'drf'
          : undefined;
      if (!dialect) return [];
      const expected = new Set<number>();
      if (!isPublic(route)) expected.add(401);
      if (op.requestBody || op.parameters?.some((p: Schema) => p.in === 'query')) expected.add(400);
      if (route.documentPath.includes('{')) expected.add(404);
      const statuses = Object.keys(op.responses as Schema).map(Number);
      const problems = [...expected]
        .filter((status) => !statuses.includes(status))
        .map((status) => `${where}: no ${status}`);
      for (const status of statuses.filter((s) => s >= 400)) {
        const media = op.responses[status].content?.['application/json'];
        const schema = media?.schema;
        const ok =
          dialect === 'solaris'
            ? schema?.$ref === '#/components/schemas/SolarisErrors'
            : status === 400
              ? schema?.oneOf?.some(
                  (s: Schema) => s.$ref === '#/components/schemas/DrfValidationError',
                )
              : schema?.$ref === '#/components/schemas/DrfDetailError';
        if (!ok) problems.push(`${where}: ${status} without the ${dialect} error schema`);
        if (media && media.example === undefined) problems.push(`${where}: ${status} no example`);
        if (!op.responses[status].description) problems.push(`${where}: ${status} no description`);
      }
      return problems;
    });
    expect(gaps).toEqual([]);
  });

  it('describes the two error dialects as shared schemas with examples', () => {
    const { schemas } = document.components;
    expect(schemas.DrfDetailError).toEqual({
      type: 'object',
      description: expect.any(String),
      properties: { detail: { type: 'string', example: 'Not found.' } },
      required: ['detail'],
    });
    expect(schemas.DrfValidationError).toMatchObject({
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      example: { legal_name: ['This field is required.'] },
    });
    expect(schemas.SolarisErrors).toMatchObject({
      properties: {
        errors: { type: 'array', items: { $ref: '#/components/schemas/SolarisError' } },
      },
      required: ['errors'],
    });
    expect(schemas.SolarisError.required).toEqual(['id', 'status', 'code', 'title', 'detail']);
    expect(schemas.SolarisError.properties.status).toMatchObject({ type: 'integer' });
    expect(exampleGaps(schemas.SolarisError, 'SolarisError')).toEqual([]);
    expect(
      document.paths['/v1/persons/{id}'].get.responses[404].content['application/json'].example,
    ).toEqual({
      errors: [
        {
          id: expect.any(String),
          status: 404,
          code: 'model_not_found',
          title: 'Model Not Found',
          detail: expect.stringMatching(/^Couldn't find 'Solaris::Person' for id '/),
        },
      ],
    });
  });

  it('gives errors documented by code an example with that code', () => {
    const persons = document.paths['/v1/persons'].post.responses;
    expect(persons[409].content['application/json'].example.errors[0]).toMatchObject({
      status: 409,
      code: 'idempotency_request_in_progress',
      title: 'Idempotency Request In Progress',
    });
    expect(document.paths['/api/users/'].post.responses[422].content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/DrfDetailError' },
      example: { detail: 'This Idempotency-Key was already used for a different request.' },
    });
  });

  it('has an example for every property of every request and response schema', () => {
    const gaps = operations().flatMap(({ route, op }) => {
      const where = `${route.method} ${route.documentPath}`;
      const bodies = Object.entries((op.requestBody?.content ?? {}) as Schema).map(
        ([type, media]) => [`${where} body ${type}`, media.schema] as const,
      );
      const responses = Object.entries(op.responses as Schema).flatMap(([code, response]) =>
        Object.entries((response.content ?? {}) as Schema)
          .filter(([type]) => type === 'application/json')
          .map(([, media]) => [`${where} ${code}`, media.schema] as const),
      );
      return [...bodies, ...responses].flatMap(([label, schema]) => exampleGaps(schema, label));
    });
    expect([...new Set(gaps)]).toEqual([]);
  });

  it('lists as required exactly the body fields that validation requires', () => {
    const gaps = routes.flatMap((route) => {
      const where = `${route.method} ${route.documentPath}`;
      const dto = argumentType(route, RouteParamtypes.BODY);
      if (!dto) return [];
      const content = operation(route)?.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      const multipart = content['multipart/form-data']?.schema;
      if (!json && !multipart) return [`${where}: body ${dto.name} undocumented`];
      if (json && json.$ref !== `#/components/schemas/${dto.name}`) {
        return [`${where}: body documented as ${json.$ref}, validated as ${dto.name}`];
      }
      const schema = json ? resolveRef(json) : multipart;
      const rules = validationRules(dto);
      // A multipart body may carry its fields either as parts or inside one JSON `metadata` part
      // (MultipartMetadataInterceptor merges it before validation). Each required field may then
      // come in either form, which OpenAPI cannot express per part: only the field set is
      // compared; test/postbox-upload.e2e-spec.ts checks the required fields over HTTP.
      const twoForms = Boolean(multipart?.properties?.[METADATA_PART]);
      const names = (list: Iterable<string>) =>
        [...list]
          .filter((name) => name !== 'file' && name !== METADATA_PART)
          .sort()
          .join(', ');
      const documented = names(Object.keys(schema.properties ?? {}));
      const required = names((schema.required ?? []) as string[]);
      const problems: string[] = [];
      if (documented !== names(rules.fields)) {
        problems.push(`${where}: documents [${documented}] but accepts [${names(rules.fields)}]`);
      }
      if (!twoForms && required !== names(rules.required)) {
        problems.push(
          `${where}: requires [${required}] but validation requires [${names(rules.required)}]`,
        );
      }
      return problems;
    });
    expect(gaps).toEqual([]);
  });

  it('documents every validated query parameter with its required flag', () => {
    const gaps = routes.flatMap((route) => {
      const where = `${route.method} ${route.documentPath}`;
      const dto = argumentType(route, RouteParamtypes.QUERY);
      if (!dto) return [];
      const parameters = ((operation(route)?.parameters ?? []) as Schema[]).filter(
        (p) => p.in === 'query',
      );
      const rules = validationRules(dto);
      return [...rules.fields].flatMap((field) => {
        const documented = parameters.filter(
          (p) => p.name === field || p.name.startsWith(`${field}[`),
        );
        if (documented.length === 0) return [`${where}: query ${field} undocumented`];
        const required = rules.required.has(field);
        return documented.every((p) => Boolean(p.required) === required)
          ? []
          : [`${where}: query ${field} required should be ${required}`];
      });
    });
    expect(gaps).toEqual([]);
  });

  it('documents 403 on every staff-only and staff-or-support route', () => {
    const restricted = routes.filter((route) => access(route));
    expect(restricted.length).toBeGreaterThan(3);
    const gaps = restricted
      .filter((route) => !operation(route)?.responses[403])
      .map((route) => `${route.method} ${route.documentPath}`);
    expect(gaps).toEqual([]);
  });

  it('requires bearer auth globally and marks the public routes without security', async () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const publicRoutes = routes.filter(isPublic);
    expect(publicRoutes.map((r) => r.documentPath).sort()).toEqual([
      '/health/live',
      '/health/ready',
    ]);
    for (const route of routes) {
      expect({ route: route.documentPath, security: operation(route)?.security }).toEqual({
        route: route.documentPath,
        security: isPublic(route) ? [] : undefined,
      });
    }
    await request(serverUrl).get('/docs-json').expect(200);
    await request(serverUrl).get('/docs').redirects(1).expect(200).expect('Content-Type', /html/);
  });

  it('documents Solaris page objects as deepObject query parameters', () => {
    const page = (document.paths['/v1/persons'].get.parameters as Schema[]).find(
      (p) => p.name === 'page',
    );
    expect(page).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
  });

  it('documents the paging headers of lists in their dialect', () => {
    expect(document.paths['/api/users/'].get.responses[200].headers).toEqual({
      'X-Result-Count': expect.any(Object),
      Link: expect.any(Object),
    });
    expect(document.paths['/v1/persons'].get.responses[200].headers).toEqual({
      Total: expect.any(Object),
      'Per-Page': expect.any(Object),
      Link: expect.any(Object),
    });
  });

  /** Every schema property, following `$ref`s, lacking an example (unless its object has one). */
  function exampleGaps(
    schema: Schema | undefined,
    where: string,
    seen = new Set<string>(),
  ): string[] {
    if (!schema) return [];
    if (schema.$ref) {
      const name = (schema.$ref as string).split('/').pop()!;
      if (seen.has(name)) return [];
      seen.add(name);
      return exampleGaps(resolveRef(schema), `${where} > ${name}`, seen);
    }
    const variants = (schema.allOf ?? schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
    if (variants) return variants.flatMap((variant) => exampleGaps(variant, where, seen));
    if (schema.type === 'array') return exampleGaps(schema.items, `${where}[]`, seen);
    if (schema.example !== undefined) return [];
    if (!schema.properties) {
      return schema.type === 'object' ? [`${where}: object without an example`] : [];
    }
    return Object.entries(schema.properties as Schema).flatMap(([name, property]) => {
      const nested =
        (property.$ref ?? property.allOf ?? property.oneOf ?? property.items?.$ref)
          ? property
          : property.type === 'array' && property.items?.properties
            ? property.items
            : undefined;
      if (nested) return exampleGaps(nested, `${where}.${name}`, seen);
      if (property.format === 'binary') return [];
      return 'example' in property ? [] : [`${where}.${name}`];
    });
  }

  function resolveRef(schema: Schema): Schema {
    return schema.$ref
      ? document.components.schemas[(schema.$ref as string).split('/').pop()!]
      : schema;
  }
});

/** The routes Nest registered, found through its own discovery of controllers. */
function registeredRoutes(t: TestApp): Route[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes = discovery.getControllers().flatMap(({ metatype }) => {
    const controller = metatype as Type<unknown>;
    const prefixes = asList<string>(Reflect.getMetadata(PATH_METADATA, controller));
    return scanner.getAllMethodNames(controller.prototype).flatMap((methodName) => {
      const handler = (controller.prototype as Record<string, Route['handler']>)[methodName];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      return prefixes.flatMap((prefix) =>
        asList<string>(paths).map((path) => {
          const expressPath =
            `/${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1') || '/';
          const openApiPath = expressPath.replace(/:(\w+)/g, '{$1}');
          return {
            method: method.toLowerCase(),
            expressPath,
            documentPath: openApiPath.startsWith('/api/') ? `${openApiPath}/` : openApiPath,
            controller,
            handler,
            methodName,
          };
        }),
      );
    });
  });
  return routes;
}

function expressRouteKeys(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack.flatMap(({ route }) =>
    route ? Object.keys(route.methods).map((method) => `${method} ${route.path}`) : [],
  );
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function isPublic(route: Route): boolean {
  return Boolean(
    Reflect.getMetadata(IS_PUBLIC, route.handler) ??
    Reflect.getMetadata(IS_PUBLIC, route.controller),
  );
}

function access(route: Route): string | undefined {
  return (Reflect.getMetadata(ACCESS, route.handler) ??
    Reflect.getMetadata(ACCESS, route.controller)) as string | undefined;
}

/** The class of the handler's `@Body()` / `@Query()` argument, when it is a DTO. */
function argumentType(route: Route, kind: RouteParamtypes): Type<unknown> | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.methodName) ??
    {}) as Record<string, { index: number; data?: unknown }>;
  const types = Reflect.getMetadata(
    'design:paramtypes',
    route.controller.prototype as object,
    route.methodName,
  ) as Type<unknown>[];
  const entry = Object.entries(args).find(
    ([key, arg]) => key.split(':')[0] === String(kind) && arg.data === undefined,
  );
  const type = entry ? types[entry[1].index] : undefined;
  return type && ![Object, String, Number, Boolean, Array].includes(type as never)
    ? type
    : undefined;
}

/** The fields a DTO accepts (any class-validator rule) and those it requires (no @IsOptional). */
function validationRules(dto: Type<unknown>): { fields: Set<string>; required: Set<string> } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  const fields = new Set(metadata.map((m) => m.propertyName));
  const optional = new Set(
    metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  return { fields, required: new Set([...fields].filter((field) => !optional.has(field))) };
}

async function fetchDocument(server: ChildProcess, url: string): Promise<Schema> {
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`the compiled app exited (${server.exitCode}): ${stderr}`);
    }
    try {
      const response = await fetch(`${url}/docs-json`);
      if (response.ok) return (await response.json()) as Schema;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the compiled app did not serve /docs-json within 30 s: ${stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}
