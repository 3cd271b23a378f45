import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';

/** One DTO property as the validators see it. */
export interface FieldInfo {
  name: string;
  /** class-validator constraint names (`isString`, `isIn`, custom names…). */
  checks: string[];
  /** Allowed values when the property is an enum or `@IsIn`. */
  choices: unknown[];
  /** Properties of a nested DTO. */
  nested: FieldInfo[];
}

/** A route of the running application, as OpenAPI documents it and its handler declares it. */
export interface RouteInfo {
  method: string;
  /** OpenAPI form, `{param}` placeholders. */
  path: string;
  operationId: string;
  pathParams: string[];
  /** Query parameter names, brackets flattened (`filter[created_at][min]`). */
  queryParams: string[];
  body?: FieldInfo[];
  multipart?: { fields: string[] };
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { type?: string; properties?: Record<string, unknown> };
}
interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: {
    content: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
  };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

const METHOD_NAMES: Record<number, string> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.HEAD]: 'head',
  [RequestMethod.OPTIONS]: 'options',
};

interface Handler {
  method: string;
  path: string;
  query?: Type<unknown>;
  body?: Type<unknown>;
  hasFile: boolean;
}

/** Every controller method of the running application with its HTTP route and argument DTOs. */
export function handlersOf(app: INestApplication): Map<string, Handler> {
  const handlers = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const prototype = controller.prototype as Record<string, unknown>;
      // As Nest registers them: the controller's own methods, then those it inherits.
      for (const name of new MetadataScanner().getAllMethodNames(prototype)) {
        const fn = prototype[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as number | undefined;
        const path = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
        if (method === undefined || path === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ??
          []) as Type<unknown>[];
        const argOf = (kind: RouteParamtypes) => {
          const entry = Object.entries(args).find(
            ([key, arg]) => key.split(':')[0] === String(kind) && arg.data === undefined,
          );
          return entry ? types[entry[1].index] : undefined;
        };
        const full = `/${[prefix, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/');
        handlers.set(`${controller.name}_${name}`, {
          method: METHOD_NAMES[method],
          path: full.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1'),
          query: argOf(RouteParamtypes.QUERY),
          body: argOf(RouteParamtypes.BODY),
          hasFile: Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.FILE}:`)),
        });
      }
    }
  }
  return handlers;
}

/** The validated properties of a DTO class, nested DTOs included (bounded depth). */
export function fieldsOf(dto: Type<unknown> | undefined, depth = 0): FieldInfo[] {
  if (!dto || depth > 3 || [Object, String, Number, Boolean, Array].includes(dto as never)) {
    return [];
  }
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byName = new Map<string, FieldInfo>();
  for (const metadata of metadatas) {
    const field = byName.get(metadata.propertyName) ?? {
      name: metadata.propertyName,
      checks: [],
      choices: [],
      nested: [],
    };
    byName.set(metadata.propertyName, field);
    const check = metadata.name ?? metadata.type;
    field.checks.push(check);
    if ((check === 'isIn' || check === 'isEnum') && metadata.constraints?.[0]) {
      const allowed = metadata.constraints[0] as unknown[] | Record<string, unknown>;
      field.choices.push(...(Array.isArray(allowed) ? allowed : Object.values(allowed)));
    }
  }
  for (const field of byName.values()) {
    const typeMetadata = defaultMetadataStorage.findTypeMetadata(dto, field.name);
    const nested = typeMetadata?.typeFunction() as Type<unknown> | undefined;
    field.nested = fieldsOf(nested, depth + 1);
  }
  return [...byName.values()];
}

/** Query parameter names with nested DTOs flattened into brackets: `page[number]`. */
function queryNames(fields: FieldInfo[], parent = ''): string[] {
  return fields.flatMap((field) => {
    const name = parent ? `${parent}[${field.name}]` : field.name;
    return field.nested.length > 0 ? queryNames(field.nested, name) : [name];
  });
}

/**
 * Every operation of the OpenAPI document, enriched with what its handler really validates (the
 * Swagger CLI plugin does not run under Jest, so the document alone lists too few properties).
 * Throws when the document and the application's handlers disagree.
 */
export function routesOf(app: INestApplication, document: OpenApiDocument): RouteInfo[] {
  const handlers = handlersOf(app);
  const routes: RouteInfo[] = [];
  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      documented.add(operation.operationId);
      const handler = handlers.get(operation.operationId);
      // `/api/` paths are documented with their trailing slash, as Waldur shows them.
      const bare = path.replace(/\/$/, '');
      if (!handler || handler.method !== method || handler.path.replace(/\/$/, '') !== bare) {
        throw new Error(`${method} ${path} (${operation.operationId}) has no matching handler`);
      }
      const parameters = operation.parameters ?? [];
      const documentedQuery = parameters
        .filter((parameter) => parameter.in === 'query')
        .flatMap((parameter) =>
          parameter.schema?.type === 'object' && parameter.schema.properties
            ? Object.keys(parameter.schema.properties).map((key) => `${parameter.name}[${key}]`)
            : [parameter.name],
        );
      const multipart = operation.requestBody?.content['multipart/form-data'];
      routes.push({
        method,
        path,
        operationId: operation.operationId,
        pathParams: parameters
          .filter((parameter) => parameter.in === 'path')
          .map((parameter) => parameter.name),
        queryParams: [...new Set([...documentedQuery, ...queryNames(fieldsOf(handler.query))])],
        body: handler.body && !multipart ? fieldsOf(handler.body) : undefined,
        multipart: multipart
          ? {
              fields: [
                ...new Set([
                  ...Object.keys(multipart.schema?.properties ?? {}).filter((f) => f !== 'file'),
                  ...fieldsOf(handler.body).map((field) => field.name),
                ]),
              ],
            }
          : undefined,
      });
    }
  }
  const undocumented = [...handlers.keys()].filter((id) => !documented.has(id));
  if (undocumented.length > 0) {
    throw new Error(`Handlers missing from the OpenAPI document: ${undocumented.join(', ')}`);
  }
  return routes;
}
