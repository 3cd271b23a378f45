import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { ForbiddenActionError } from '../errors/api-error.js';
import { type ErrorSpec, renderEnvelope } from '../errors/error-envelope.js';
import { type ApiFamily, familyOf } from '../http/api-family.js';
import { UUID_EXAMPLE } from '../ids/ids.js';

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const REQUEST_ID = '5e7a6c1d-0b8f-4a2e-9d3c-1f2e3d4c5b6a';

/** Examples of the errors every route of a kind can answer, unless it documents its own. */
const GENERIC_ERRORS: Record<number, ErrorSpec> = {
  400: {
    status: 400,
    code: 'validation_error',
    message: 'first_name must be a string',
    fieldErrors: [{ field: 'first_name', message: 'must be a string' }],
  },
  401: { status: 401, code: 'invalid_token', message: 'Invalid token.' },
  403: new ForbiddenActionError(),
  404: { status: 404, code: 'not_found', message: 'Not found.' },
  409: { status: 409, code: 'conflict', message: 'A record with these values already exists.' },
  413: { status: 413, code: 'payload_too_large', message: 'The file is too large.' },
  415: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'The content is not a PDF, PNG or JPEG.',
  },
  422: { status: 422, code: 'unprocessable_entity', message: 'Unprocessable request.' },
};

const example = (family: ApiFamily, error: ErrorSpec): object =>
  renderEnvelope(family, error, REQUEST_ID);

const SOLARIS_ERROR = (example('solaris', GENERIC_ERRORS[400]) as { errors: object[] }).errors[0];

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
      status: { type: 'integer', example: 400 },
      code: { type: 'string', example: 'validation_error' },
      title: { type: 'string', example: 'Validation Error' },
      detail: { type: 'string', example: 'first_name must be a string' },
      source: ref('SolarisErrorSource'),
    },
    required: ['id', 'status', 'code', 'title', 'detail'],
  },
  SolarisErrors: {
    type: 'object',
    description: '`/v1/` error envelope (Solaris).',
    properties: { errors: { type: 'array', items: ref('SolarisError') } },
    required: ['errors'],
    example: { errors: [SOLARIS_ERROR] },
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

const PAGE_HEADERS: Record<ApiFamily, ResponseObject['headers']> = {
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
    inlineFormBody(operation, document.components.schemas);
  }
  document.paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => [
      familyOf(path) === 'drf' && !path.endsWith('/') ? `${path}/` : path,
      item,
    ]),
  );
  return document;
}

const refName = (value: unknown): string | undefined => {
  const ref = (value as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
};

/**
 * A multipart body documented by its DTO (`@ApiBody({ type })`) is listed inline, one part per
 * property, and so is a part that holds a JSON object: tools show the parts of a form only from an
 * inline schema. The DTO's component stays as it is.
 */
function inlineFormBody(
  operation: OperationObject,
  schemas: Record<string, SchemaObject | ReferenceObject>,
): void {
  const media = (operation.requestBody as RequestBodyObject | undefined)?.content?.[
    'multipart/form-data'
  ];
  const name = refName(media?.schema);
  if (!media || !name) return;
  const body = structuredClone(schemas[name]) as SchemaObject;
  for (const [part, schema] of Object.entries(body.properties ?? {}) as [string, SchemaObject][]) {
    const nested = schema.allOf?.length === 1 ? refName(schema.allOf[0]) : undefined;
    if (!nested) continue;
    const inlined: SchemaObject = {
      ...structuredClone(schemas[nested] as SchemaObject),
      ...schema,
    };
    delete inlined.allOf;
    body.properties![part] = inlined;
  }
  media.schema = body;
}

function completeOperation(path: string, operation: OperationObject): void {
  const family = familyOf(path);
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const parameter of parameters) {
    const schema = parameter.schema as SchemaObject | undefined;
    // Ids parsed by a pipe carry their model's example; `/api` ids are all uuids.
    if (parameter.in === 'path' && schema && schema.example === undefined && family === 'drf') {
      if (parameter.name === 'uuid') schema.example = UUID_EXAMPLE;
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
  if (!family) return;

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
    // Two path ids of one route both declare their 404: say it once.
    const paragraphs = new Set((response.description ?? '').split('\n\n'));
    response.description = [...paragraphs].join('\n\n') || (DEFAULT_DESCRIPTIONS[status] ?? '');
    const declared = declaredError(response);
    if (declared || !response.content) {
      response.content = { 'application/json': errorMedia(family, status, declared) };
    }
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
      response.headers = { ...PAGE_HEADERS[family], ...response.headers };
    }
  }
}

/** The first error ApiErrorResponse declared on a response, not yet rendered in a dialect. */
function declaredError(response: ResponseObject): ErrorSpec | undefined {
  // Swagger puts them under every media type the route produces, even a PDF download's.
  const examples = Object.values(response.content ?? {})[0]?.examples ?? {};
  const first = Object.values(examples)[0] as { value?: ErrorSpec } | undefined;
  return first?.value;
}

function errorMedia(family: ApiFamily, status: number, declared: ErrorSpec | undefined) {
  const error = declared ?? GENERIC_ERRORS[status];
  const fallback = { status, code: 'error', message: DEFAULT_DESCRIPTIONS[status] ?? 'Error.' };
  if (family === 'solaris') {
    return { schema: ref('SolarisErrors'), example: example(family, error ?? fallback) };
  }
  if (status === 400) {
    return {
      schema: { oneOf: [ref('DrfValidationError'), ref('DrfDetailError')] },
      example: declared ? example(family, declared) : { legal_name: ['This field is required.'] },
    };
  }
  return { schema: ref('DrfDetailError'), example: example(family, error ?? fallback) };
}
