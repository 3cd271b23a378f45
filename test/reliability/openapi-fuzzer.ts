import type { RawRequest } from '../support/raw-http.js';

/**
 * Malformed requests generated from the service's own OpenAPI document: every operation it
 * lists, so a new route is fuzzed as soon as it is documented. For each operation a valid request
 * is built from the schemas' examples, then broken one place at a time: path ids, query values,
 * each body field (missing, null, wrong type, huge, unicode, negative or huge numbers, enum in the
 * wrong case), the body as a whole, multipart parts and the Idempotency-Key header.
 * Deterministic for a seed.
 */

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maxLength?: number;
};

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzCase {
  /** `METHOD /template` of the operation. */
  route: string;
  label: string;
  request: RawRequest;
  /** The input breaks the documented schema, so the answer must be a 4xx. */
  mustReject: boolean;
}

export interface Credentials {
  /** Authorization header values by name; `none` sends no header. */
  [name: string]: string | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const HUGE_STRING = 'x'.repeat(100_000);
const UNICODE = 'Zoë ✓ 💩 \u202e مرحبا 你好 \u0301';
const BOUNDARY = 'fuzzBoundary7MA4YWxk';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Small seeded PRNG (mulberry32): the same seed gives the same requests. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class OpenApiFuzzer {
  private readonly random: () => number;

  constructor(
    private readonly document: OpenApi,
    /** Real ids by the path segment before the parameter (`persons`, `items`…). */
    private readonly ids: Record<string, string>,
    seed: number,
  ) {
    this.random = prng(seed);
  }

  /** Every documented operation, `METHOD /template`. */
  operations(): string[] {
    return Object.entries(this.document.paths).flatMap(([path, ops]) =>
      METHODS.filter((method) => ops[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
  }

  /**
   * The cases of every operation: each mutation once per credential in `full`, and the valid
   * request plus a few random mutations with each credential in `light` (e.g. none, a bad token).
   * DELETEs come last so the ids they remove serve the other routes first.
   */
  cases(full: Credentials, light: Credentials): FuzzCase[] {
    const all: FuzzCase[] = [];
    const ordered = Object.entries(this.document.paths).flatMap(([path, ops]) =>
      METHODS.filter((method) => ops[method]).map((method) => ({ path, method, op: ops[method] })),
    );
    ordered.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const { path, method, op } of ordered) {
      const route = `${method.toUpperCase()} ${path}`;
      const mutations = this.mutationsOf(path, method, op);
      for (const [name, auth] of Object.entries(full)) {
        for (const m of mutations) all.push(this.withAuth(route, m, name, auth));
      }
      for (const [name, auth] of Object.entries(light)) {
        all.push(this.withAuth(route, mutations[0], name, auth));
        for (let n = 0; n < 5; n++) {
          const m = mutations[1 + Math.floor(this.random() * (mutations.length - 1))];
          if (m) all.push(this.withAuth(route, m, name, auth));
        }
      }
    }
    return all;
  }

  private withAuth(route: string, m: Mutation, name: string, auth: string | undefined): FuzzCase {
    const headers = { ...m.headers };
    if (auth !== undefined) headers.Authorization = auth;
    return {
      route,
      label: `${route} [${name}] ${m.label}`,
      request: { method: m.method, path: m.path, headers, body: m.body },
      mustReject: m.mustReject,
    };
  }

  /** The valid request first, then each single-point mutation of it. */
  private mutationsOf(template: string, method: string, op: Operation): Mutation[] {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const hasKeyHeader = params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
    const pathValues = Object.fromEntries(
      pathParams.map((p) => [p.name, this.realIdFor(template, p.name)]),
    );
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const formSchema = content['multipart/form-data']?.schema;
    const validBody = jsonSchema ? this.sample(jsonSchema) : undefined;
    const validForm = formSchema ? this.formSample(formSchema) : undefined;

    const build = (
      label: string,
      changes: {
        path?: Record<string, string>;
        query?: string;
        body?: { json?: unknown; raw?: string; type?: string };
        form?: Part[];
        headers?: Record<string, string>;
      },
      mustReject = false,
    ): Mutation => {
      const values = { ...pathValues, ...changes.path };
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
      const headers: Record<string, string> = {};
      if (hasKeyHeader && method !== 'get') headers['Idempotency-Key'] = this.key();
      let body: Buffer | string | undefined;
      if (changes.form ?? validForm) {
        headers['Content-Type'] = `multipart/form-data; boundary=${BOUNDARY}`;
        body = multipart(changes.form ?? validForm!);
      }
      if (changes.body ?? validBody !== undefined) {
        const given = changes.body ?? { json: validBody };
        headers['Content-Type'] = given.type ?? 'application/json';
        body = given.raw ?? JSON.stringify(given.json);
      }
      Object.assign(headers, changes.headers);
      return {
        label,
        method,
        path: changes.query ? `${path}?${changes.query}` : path,
        headers,
        body,
        mustReject,
      };
    };

    const out: Mutation[] = [build('valid', {})];

    for (const p of pathParams) {
      for (const [label, value] of this.badIds(pathValues[p.name])) {
        out.push(build(`path ${p.name} ${label}`, { path: { [p.name]: value } }));
      }
    }

    for (const p of queryParams) {
      const names =
        p.schema?.type === 'object' && p.schema.properties
          ? Object.keys(p.schema.properties).map((sub) => ({
              name: `${p.name}[${sub}]`,
              schema: p.schema!.properties![sub],
            }))
          : [{ name: p.name, schema: p.schema ?? {} }];
      // DRF (and so Waldur) answers an invalid page_size with the default page size, not a 400.
      const lenient = (name: string) => name === 'page_size' && template.startsWith('/api/');
      for (const { name, schema } of names) {
        for (const [label, value, reject] of this.badQueryValues(schema)) {
          out.push(
            build(
              `query ${name} ${label}`,
              { query: `${encode(name)}=${value}` },
              reject && !lenient(name),
            ),
          );
        }
      }
    }

    if (hasKeyHeader && method !== 'get') {
      for (const [label, value] of [
        ['too long', 'k'.repeat(300)],
        ['empty', ''],
        ['spaces', 'a key with spaces'],
        ['control', 'a\tb'],
      ]) {
        out.push(build(`Idempotency-Key ${label}`, { headers: { 'Idempotency-Key': value } }));
      }
    }

    if (jsonSchema) {
      const schema = this.resolve(jsonSchema);
      for (const [label, body, reject] of this.bodyMutations(schema, validBody)) {
        out.push(build(`body ${label}`, { body: { json: body } }, reject));
      }
      out.push(build('body malformed JSON', { body: { raw: '{"a": 1,,}' } }, true));
      out.push(build('body truncated JSON', { body: { raw: '{"a": "b' } }, true));
      out.push(build('body as text/plain', { body: { raw: 'plain text', type: 'text/plain' } }));
      out.push(
        build('body urlencoded', {
          body: { raw: 'a=1&b[c]=2', type: 'application/x-www-form-urlencoded' },
        }),
      );
    }

    if (validForm && formSchema) {
      const schema = this.resolve(formSchema);
      for (const [label, parts] of this.formMutations(schema, validForm)) {
        out.push(build(`form ${label}`, { form: parts }));
      }
      out.push(build('form as JSON', { body: { json: { file: 'not a file' } } }));
      out.push(
        build('form broken framing', {
          body: {
            raw: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc`,
            type: `multipart/form-data; boundary=${BOUNDARY}`,
          },
        }),
      );
      out.push(
        build('form no boundary', {
          body: { raw: 'abc', type: 'multipart/form-data' },
        }),
      );
    }

    // Whatever the route: odd query strings and headers.
    for (const [label, query] of [
      ['unknown query parameter', 'unknown_parameter=1'],
      ['query key with NUL', 'a%00b=1'],
      ['query key unicode', `${encode(UNICODE)}=1`],
      ['query nested deep', `${'a'.repeat(1)}${'[b]'.repeat(30)}=1`],
      ['query repeated', Array.from({ length: 200 }, (_, n) => `r=${n}`).join('&')],
      ['query bad percent', '%zz=%E0%A4%A'],
    ]) {
      out.push(build(label, { query }));
    }
    for (const [label, headers] of [
      ['Accept text/html', { Accept: 'text/html' }],
      ['Accept-Encoding odd', { 'Accept-Encoding': 'br;q=abc, *;q=-1' }],
      ['X-Request-Id hostile', { 'X-Request-Id': `${'r'.repeat(500)}<script>` }],
      [
        'X-Forwarded headers',
        { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'gopher' },
      ],
    ] as [string, Record<string, string>][]) {
      out.push(build(label, { headers }));
    }
    return out;
  }

  /** A real id for the parameter (by the path segment before it), else a well-formed unknown one. */
  private realIdFor(template: string, param: string): string {
    const segments = template.split('/');
    const index = segments.indexOf(`{${param}}`);
    const collection = segments[index - 1];
    return this.ids[collection] ?? '0123456789abcdef0123456789abcdef';
  }

  private badIds(real: string): [string, string][] {
    return [
      ['word', 'abc'],
      ['negative', '-1'],
      ['zero', '0'],
      ['huge number', '99999999999999999999999999'],
      ['300 characters', 'a'.repeat(300)],
      ['unicode', encode(UNICODE)],
      ['traversal', encode('../../etc/passwd')],
      ['SQL', encode("1' OR '1'='1")],
      ['NUL', 'a%00b'],
      ['bad percent', '%E0%A4%A'],
      ['upper case', real.toUpperCase()],
      ['wrong suffix', `${real.slice(0, -4)}zzzz`],
      ['unknown hex', '0123456789abcdef0123456789abcdef' + real.slice(32)],
      ['hyphenated uuid', '01234567-89ab-4def-8123-456789abcdef'],
      ['with spaces', encode(` ${real} `)],
    ];
  }

  /** [label, encoded value, must be rejected] for a query parameter of this schema. */
  private badQueryValues(schema: Schema): [string, string, boolean][] {
    const typed = schema.type === 'integer' || schema.type === 'number';
    const values: [string, string, boolean][] = [
      ['wrong type', 'abc', typed],
      ['negative', '-5', typed && schema.minimum !== undefined && schema.minimum >= 0],
      ['fraction', '1.5', schema.type === 'integer'],
      ['huge number', '99999999999999999999999', false],
      ['exponent', '1e308', false],
      ['huge string', 'q'.repeat(8_000), false],
      ['unicode', encode(UNICODE), false],
      ['empty', '', false],
      ['NUL', 'a%00b', true],
      ['lone surrogate', '%ED%A0%80', false],
      ['array', 'a&x[]=b', false],
      ['date out of range', '2021-02-30T25:61:00Z', false],
    ];
    const choices = this.resolve(schema).enum?.filter((v): v is string => typeof v === 'string');
    const choice = choices?.find((v) => v.toUpperCase() !== v.toLowerCase());
    if (choice) {
      const flipped = choice === choice.toUpperCase() ? choice.toLowerCase() : choice.toUpperCase();
      values.push(['enum wrong case', encode(flipped), !choices!.includes(flipped)]);
    }
    return values;
  }

  /** [label, body, must be rejected] with one thing wrong each. */
  private bodyMutations(schema: Schema, valid: unknown): [string, unknown, boolean][] {
    const out: [string, unknown, boolean][] = [
      ['array', [valid], true],
      ['string', 'just a string', true],
      ['number', 42, true],
      ['null', null, true],
      ['empty object', {}, (schema.required ?? []).length > 0],
      ['extra field', { ...(valid as object), unexpected_field: 'surprise' }, false],
      ['deeply nested extra', { ...(valid as object), deep: nest(50) }, false],
    ];
    if (typeof valid !== 'object' || valid === null) return out;
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const field = this.resolve(raw);
      const required = (schema.required ?? []).includes(name);
      const put = (value: unknown) => ({ ...valid, [name]: value });
      const without = { ...(valid as Record<string, unknown>) };
      delete without[name];
      out.push([`${name} missing`, without, required]);
      out.push([`${name} null`, put(null), false]);
      for (const [label, value] of this.wrongTypes(field)) {
        out.push([`${name} ${label}`, put(value), true]);
      }
      const numeric = field.type === 'number' || field.type === 'integer';
      const typedOther = field.type !== undefined && !numeric;
      out.push([
        `${name} huge string`,
        put(HUGE_STRING),
        typedOther ? field.type !== 'string' || field.maxLength !== undefined : numeric,
      ]);
      out.push([
        `${name} unicode`,
        put(UNICODE),
        numeric || (typedOther && field.type !== 'string'),
      ]);
      out.push([
        `${name} negative`,
        put(-1),
        typedOther || (numeric && (field.minimum ?? -1) >= 0),
      ]);
      out.push([`${name} huge number`, put(1e308), typedOther]);
      out.push([`${name} 2^63`, put(2 ** 63), typedOther]);
      const choices = field.enum?.filter((v): v is string => typeof v === 'string');
      const choice = choices?.find((v) => v.toUpperCase() !== v.toLowerCase());
      if (choice) {
        const flipped =
          choice === choice.toUpperCase() ? choice.toLowerCase() : choice.toUpperCase();
        out.push([`${name} enum wrong case`, put(flipped), !choices!.includes(flipped)]);
      }
      if (field.type === 'object' && field.properties) {
        for (const [inner, innerRaw] of Object.entries(field.properties)) {
          const innerField = this.resolve(innerRaw);
          const nested = (value: unknown) =>
            put({ ...(this.sample(field) as object), [inner]: value });
          for (const [label, value] of this.wrongTypes(innerField)) {
            out.push([`${name}.${inner} ${label}`, nested(value), true]);
          }
          if (innerField.maxLength !== undefined) {
            out.push([`${name}.${inner} huge string`, nested(HUGE_STRING), true]);
          }
        }
      }
    }
    return out;
  }

  /** Values that are clearly not of the field's type. */
  private wrongTypes(field: Schema): [string, unknown][] {
    switch (field.type) {
      case 'string':
        return [
          ['as number', 12345],
          ['as object', { nested: 'value' }],
          ['as array', ['a', 'b']],
          ['as boolean', true],
        ];
      case 'integer':
      case 'number':
        return [
          ['as word', 'abc'],
          ['as object', { n: 1 }],
        ];
      case 'boolean':
        return [
          ['as word', 'maybe'],
          ['as number', 7],
          ['as object', {}],
        ];
      case 'array':
        return [
          ['as string', 'abc'],
          ['as object', { a: 1 }],
        ];
      case 'object':
        return [
          ['as string', 'abc'],
          ['as array', [1, 2]],
          ['as number', 3],
        ];
      default:
        return [];
    }
  }

  /** [label, parts] for a multipart body with one thing wrong each. */
  private formMutations(schema: Schema, valid: Part[]): [string, Part[]][] {
    const out: [string, Part[]][] = [
      ['no parts', []],
      ['no file', valid.filter((p) => p.filename === undefined)],
      ['empty file', valid.map((p) => (p.filename ? { ...p, value: Buffer.alloc(0) } : p))],
      [
        'HTML file',
        valid.map((p) =>
          p.filename
            ? {
                ...p,
                value: Buffer.from('<html><script>alert(1)</script></html>'),
                type: 'text/html',
              }
            : p,
        ),
      ],
      ['file twice', [...valid, ...valid.filter((p) => p.filename !== undefined)]],
      [
        'file name traversal',
        valid.map((p) => (p.filename ? { ...p, filename: '../../etc/passwd' } : p)),
      ],
      ['unknown part', [...valid, { name: 'unexpected_part', value: 'surprise' }]],
    ];
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const field = this.resolve(raw);
      if (field.format === 'binary') continue;
      const replace = (value: string, type?: string) =>
        valid.filter((p) => p.name !== name).concat({ name, value, type });
      out.push([`${name} missing`, valid.filter((p) => p.name !== name)]);
      out.push([`${name} huge`, replace('y'.repeat(70_000))]);
      out.push([`${name} unicode`, replace(UNICODE)]);
      out.push([`${name} wrong type`, replace(field.type === 'string' ? '{"a":1}' : 'abc')]);
      out.push([`${name} bad JSON part`, replace('{"a": ', 'application/json')]);
      out.push([`${name} negative`, replace('-1')]);
      const choice = field.enum?.find(
        (v): v is string => typeof v === 'string' && v.toUpperCase() !== v.toLowerCase(),
      );
      if (choice) out.push([`${name} enum wrong case`, replace(choice.toLowerCase())]);
    }
    return out;
  }

  /** A valid value for the schema, from its examples where it has them. */
  sample(raw: Schema): unknown {
    const schema = this.resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return schema.enum[0];
    if (schema.default !== undefined) return schema.default;
    switch (schema.type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([name, field]) => [
            name,
            this.sample(field),
          ]),
        );
      case 'array':
        return schema.items ? [this.sample(schema.items)] : [];
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return false;
      default:
        return schema.format === 'date' ? '2021-06-30' : 'sample';
    }
  }

  /** Multipart parts for a form schema: a small PDF for binary fields, text for the others. */
  private formSample(raw: Schema): Part[] {
    const schema = this.resolve(raw);
    return Object.entries(schema.properties ?? {}).map(([name, field]): Part => {
      const resolved = this.resolve(field);
      if (resolved.format === 'binary') {
        return { name, value: PDF, filename: 'document.pdf', type: 'application/pdf' };
      }
      const value = this.sample(resolved);
      if (typeof value === 'string') return { name, value };
      return typeof value === 'object'
        ? { name, value: JSON.stringify(value), type: 'application/json' }
        : { name, value: JSON.stringify(value) };
    });
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop()!;
      return this.resolve(this.document.components?.schemas?.[name] ?? {});
    }
    const composed = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    if (composed?.length) return { ...this.resolve(composed[0]), ...schema, allOf: undefined };
    return schema;
  }

  private key(): string {
    return Array.from({ length: 4 }, () => Math.floor(this.random() * 2 ** 32).toString(16)).join(
      '-',
    );
  }
}

interface Mutation {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  mustReject: boolean;
}

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

function multipart(parts: Part[]): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"` +
        (part.filename !== undefined ? `; filename="${part.filename}"` : '') +
        `\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`,
    ),
    Buffer.from(part.value),
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

const encode = (text: string) => encodeURIComponent(text);

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let n = 0; n < depth; n++) value = { level: value };
  return value;
}
