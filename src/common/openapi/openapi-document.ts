import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { errorTitle } from '../errors/error-title.js';
import {
  IdempotencyKeyReusedError,
  IdempotencyRequestInProgressError,
} from '../idempotency/idempotency.errors.js';

/** The two route families and their error dialects (see the exception filter). */
export type Dialect = 'drf' | 'solaris';

export const dialectOf = (path: string): Dialect | undefined =>
  path.startsWith('/api/') ? 'drf' : path.startsWith('/v1/') ? 'solaris' : undefined;

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const REQUEST_ID = '5e7a6c1d-0b8f-4a2e-9d3c-1f2e3d4c5b6a';

const solarisError = (status: number, code: string, title: string, detail: string) => ({
  id: REQUEST_ID,
  status,
  code,
  title,
  detail,
});

const SOLARIS_ERROR_EXAMPLES: Record<number, object> = {
  400: {
    id: REQUEST_ID,
    status: 400,
    code: 'validation_error',
    title: 'Validation Error',
    detail: 'first_name must be a string',
    source: { field: 'first_name', message: 'must be a string' },
  },
  401: solarisError(401, 'invalid_token', 'Invalid Token', 'Invalid token.'),
  403: solarisError(
    403,
    'unauthorized_action',
    'Unauthorized Action',
    'You do not have permission to perform this action.',
  ),
  404: solarisError(
    404,
    'model_not_found',
    'Model Not Found',
    "Couldn't find 'Solaris::Person' for id 'dc1a6812a14f6cc338cd084208535bcdcper'.",
  ),
  409: solarisError(409, 'conflict', 'Conflict', 'A record with these values already exists.'),
  413: solarisError(413, 'payload_too_large', 'Payload Too Large', 'The file is too large.'),
  415: solarisError(
    415,
    'unsupported_media_type',
    'Unsupported Media Type',
    'The content is not a PDF, PNG or JPEG.',
  ),
  422: solarisError(
    422,
    'idempotency_key_reused',
    'Idempotency Key Reused',
    'This Idempotency-Key was already used for a different request.',
  ),
};

const DRF_DETAIL_EXAMPLES: Record<number, string> = {
  401: 'Invalid token.',
  403: 'You do not have permission to perform this action.',
  404: 'Not found.',
  409: 'A record with these values already exists.',
  413: 'The file is too large.',
  415: 'The content is not a PDF, PNG or JPEG.',
  422: 'This Idempotency-Key was already used for a different request.',
};

/** Shared error schemas; every error response of the document points at one of them. */
const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  DrfDetailError: {
    type: 'object',
    description: '`/api/` error: a human-readable `detail`.',
    properties: { detail: { type: 'string', example: 'Not found.' } },
    required: ['detail'],
  },
  DrfValidationError: {
    type: 'object',
    description:
      '`/api/` validation error: every invalid field with its messages; errors that concern no ' +
      'single field are listed under `non_field_errors`. Malformed JSON answers `{"detail": …}`.',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { legal_name: ['This field is required.'] },
  },
  SolarisErrorSource: {
    type: 'object',
    properties: {
      field: { type: 'string', example: 'first_name' },
      message: { type: 'string', example: 'must be a string' },
    },
    required: ['field', 'message'],
  },
  SolarisError: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
        description: 'The request id (also in the `X-Request-Id` header).',
        example: REQUEST_ID,
      },
      status: { type: 'integer', example: 404 },
      code: { type: 'string', example: 'model_not_found' },
      title: { type: 'string', example: 'Model Not Found' },
      detail: {
        type: 'string',
        example: "Couldn't find 'Solaris::Person' for id 'dc1a6812a14f6cc338cd084208535bcdcper'.",
      },
      source: ref('SolarisErrorSource'),
    },
    required: ['id', 'status', 'code', 'title', 'detail'],
  },
  SolarisErrors: {
    type: 'object',
    description: '`/v1/` error envelope (Solaris).',
    properties: { errors: { type: 'array', items: ref('SolarisError') } },
    required: ['errors'],
    example: { errors: [SOLARIS_ERROR_EXAMPLES[404]] },
  },
};

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  200: 'OK.',
  201: 'Created.',
  204: 'No content.',
  400: 'Invalid input.',
  401: 'Missing or unknown API key.',
  403: 'The caller may not do this.',
  404: 'Unknown, or not visible to the caller.',
  409: 'Conflict with the current state.',
  413: 'The request is too large.',
  415: 'Unsupported media type.',
  422: 'Unprocessable request.',
  503: 'Unavailable.',
};

const PAGE_HEADERS: Record<Dialect, ResponseObject['headers']> = {
  drf: {
    'X-Result-Count': { description: 'Items in the whole list.', schema: { type: 'integer' } },
    Link: {
      description: 'RFC 8288 links with rel `first`, `prev`, `next` and `last`.',
      schema: { type: 'string' },
    },
  },
  solaris: {
    Total: { description: 'Items in the whole list.', schema: { type: 'integer' } },
    'Per-Page': { description: 'Items per page.', schema: { type: 'integer' } },
    Link: {
      description: 'RFC 8288 links with rel `first`, `prev`, `next` and `last`.',
      schema: { type: 'string' },
    },
  },
};

/** Example ids of path parameters, by the resource they name. */
const DRF_UUID_EXAMPLE = '9a8b7c6d5e4f40312a2b3c4d5e6f7a8b';
const SOLARIS_ID_EXAMPLES: Record<string, string> = {
  person: 'dc1a6812a14f6cc338cd084208535bcdcper',
  business: 'a9a25dc10aa74244bd0bb75d1ce6b3b5cbiz',
  item: 'c072c6e43f4d486cb553e9cd9fc1bae7pbxi',
  confirmation: 'c072c6e43f4d486cb553e9cd9fc1bae7pbxc',
};
const SINGULAR: Record<string, string> = {
  persons: 'person',
  businesses: 'business',
  items: 'item',
};

function pathParameterExample(path: string, name: string): string | undefined {
  if (dialectOf(path) === 'drf') return name === 'uuid' ? DRF_UUID_EXAMPLE : undefined;
  const segments = path.split('/');
  const resource =
    name === 'id' ? SINGULAR[segments[segments.indexOf('{id}') - 1]] : name.replace(/_id$/, '');
  return resource ? SOLARIS_ID_EXAMPLES[resource] : undefined;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Every operation of the document with its path and method. */
export function operationsOf(
  document: OpenAPIObject,
): { path: string; method: string; operation: OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

const isPublic = (operation: OperationObject): boolean =>
  Array.isArray(operation.security) && operation.security.length === 0;

/**
 * Completes what decorators cannot say once for all routes: the error responses of each route
 * family (with their shared schemas), 401 on every authenticated route, paging headers on lists,
 * `page[…]`-style query objects, and the trailing slashes of `/api/` paths.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ...ERROR_SCHEMAS };
  for (const scheme of Object.values(document.components.securitySchemes ?? {})) {
    // Keys are opaque random strings, not JWTs (the builder's default format).
    if ('bearerFormat' in scheme) delete scheme.bearerFormat;
  }
  for (const { path, operation } of operationsOf(document)) {
    completeOperation(path, operation);
  }
  document.paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      dialectOf(path) === 'drf' && !path.endsWith('/') ? `${path}/` : path,
      item,
    ]),
  );
  return document;
}

function completeOperation(path: string, operation: OperationObject): void {
  const dialect = dialectOf(path);
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const parameter of parameters) {
    const schema = parameter.schema as SchemaObject | undefined;
    if (parameter.in === 'path' && schema && schema.example === undefined) {
      const example = pathParameterExample(path, parameter.name);
      if (example) schema.example = example;
    }
    if (parameter.in === 'query' && schema?.type === 'object') {
      // `page[number]=2`, not `number=2`.
      parameter.style = 'deepObject';
      parameter.explode = true;
    }
  }
  const responses = operation.responses;
  for (const [code, response] of Object.entries(responses) as [string, ResponseObject][]) {
    if (!response.description) response.description = DEFAULT_DESCRIPTIONS[Number(code)] ?? '';
  }
  if (!dialect) return;

  const errors = new Set(
    Object.keys(responses)
      .map(Number)
      .filter((status) => status >= 400),
  );
  if (!isPublic(operation)) errors.add(401);
  if (operation.requestBody || parameters.some((parameter) => parameter.in === 'query')) {
    errors.add(400);
  }
  if (path.includes('{')) errors.add(404);
  for (const status of [...errors].sort((a, b) => a - b)) {
    const response = (responses[status] ?? {}) as ResponseObject;
    response.description ||= DEFAULT_DESCRIPTIONS[status] ?? '';
    response.content ??= { 'application/json': errorMedia(dialect, status, response.description) };
    if (status === 401) {
      response.headers ??= {
        'WWW-Authenticate': { description: 'The accepted scheme.', schema: { type: 'string' } },
      };
    }
    responses[status] = response;
  }

  for (const [code, response] of Object.entries(responses) as [string, ResponseObject][]) {
    const schema = response.content?.['application/json']?.schema as SchemaObject | undefined;
    if (code.startsWith('2') && schema?.type === 'array') {
      response.headers = { ...PAGE_HEADERS[dialect], ...response.headers };
    }
  }
}

/** Errors whose route documents them by code, e.g. "`idempotency_key_reused`: …". */
const CODED_ERRORS: Record<string, string> = Object.fromEntries(
  [new IdempotencyRequestInProgressError(), new IdempotencyKeyReusedError()].map((error) => [
    error.code,
    error.message,
  ]),
);

function errorMedia(dialect: Dialect, status: number, description: string) {
  const code = /^`(\w+)`/.exec(description)?.[1] ?? '';
  const coded = CODED_ERRORS[code] as string | undefined;
  if (dialect === 'solaris') {
    const example = coded
      ? solarisError(status, code, errorTitle(code), coded)
      : (SOLARIS_ERROR_EXAMPLES[status] ??
        solarisError(status, 'error', 'Error', DEFAULT_DESCRIPTIONS[status] ?? 'Error.'));
    return { schema: ref('SolarisErrors'), example: { errors: [example] } };
  }
  if (status === 400) {
    return {
      schema: { oneOf: [ref('DrfValidationError'), ref('DrfDetailError')] },
      example: { legal_name: ['This field is required.'] },
    };
  }
  return {
    schema: ref('DrfDetailError'),
    example: {
      detail: coded ?? DRF_DETAIL_EXAMPLES[status] ?? DEFAULT_DESCRIPTIONS[status] ?? 'Error.',
    },
  };
}
