import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Response } from 'superagent';
import type TestAgent from 'supertest/lib/agent.js';

/**
 * The upstream contract of the `/api` onboarding family: Waldur 8.0.5's published OpenAPI schema
 * (the onboarding part, test/fixtures/waldur-openapi-onboarding-8.0.5.json). Every response the
 * onboarding suites receive for an upstream route is checked against it — status, paging header,
 * body — so that drift fails CI.
 */

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }>; headers?: object }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const FIXTURE = new URL('../fixtures/waldur-openapi-onboarding-8.0.5.json', import.meta.url);
const document = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Document;

/**
 * The one place where this service answers what Waldur answers rather than what its schema says:
 * a manual verification's `validation_method` is "" (Waldur's model field is blank=True, and its
 * request schema allows the BlankEnum), which the read-only response enum omits.
 */
const ADJUSTMENTS: Record<string, (schemas: Record<string, Record<string, unknown>>) => void> = {
  'OnboardingVerification.validation_method may be blank': (schemas) => {
    const properties = schemas.OnboardingVerification.properties as Record<string, object>;
    properties.validation_method = {
      oneOf: [
        { $ref: '#/components/schemas/ValidationMethodEnum' },
        { $ref: '#/components/schemas/BlankEnum' },
      ],
      readOnly: true,
    };
  },
};

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const HEX_OR_HYPHENATED_UUID =
  /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

function compileContract(): (schema: object) => ValidateFunction {
  const schemas = structuredClone(document.components.schemas) as Record<
    string,
    Record<string, unknown>
  >;
  for (const adjust of Object.values(ADJUSTMENTS)) adjust(schemas);
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  // Waldur returns 32-hex uuids; OpenAPI's numeric and binary formats constrain nothing in JSON.
  ajv.addFormat('uuid', HEX_OR_HYPHENATED_UUID);
  for (const format of ['double', 'decimal', 'binary']) ajv.addFormat(format, true);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'waldur', $defs: rewriteRefs(schemas) });
  return (schema) => ajv.compile(rewriteRefs(schema, 'waldur'));
}

/**
 * OpenAPI 3.0 → JSON Schema for ajv: `#/components/schemas/X` → `#/$defs/X` (`waldur#/$defs/X`
 * from outside the document), and `nullable` on a schema without `type` — which OpenAPI reads as
 * "also null" and ajv refuses — spelled as `anyOf [schema, null]`.
 */
function rewriteRefs<T>(value: T, base = ''): T {
  const json = JSON.stringify(value).replace(/"#\/components\/schemas\//g, `"${base}#/$defs/`);
  return JSON.parse(json, (_key, node: unknown) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
    const { nullable, ...rest } = node as Record<string, unknown>;
    if (nullable !== true || 'type' in rest) return node;
    const constrained = ['$ref', 'allOf', 'oneOf', 'anyOf', 'enum'].some((key) => key in rest);
    return constrained ? { anyOf: [rest, { type: 'null' }] } : rest;
  }) as T;
}

interface Route {
  pattern: RegExp;
  template: string;
  operations: Record<string, Operation>;
}

/** Literal segments first, so `start_verification/` is not taken for `{uuid}/`. */
const routes: Route[] = Object.entries(document.paths)
  .map(([template, operations]) => ({
    template,
    operations,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))
  .sort((a, b) => a.template.split('{').length - b.template.split('{').length);

export interface ContractViolation {
  request: string;
  problems: string[];
}

/** Counts and violations of one suite. */
export class WaldurContract {
  validated = 0;
  /** Responses of routes or statuses the upstream schema does not describe (errors, own routes). */
  undocumented = 0;
  readonly violations: ContractViolation[] = [];
  private readonly compile = compileContract();
  private readonly validators = new Map<string, ValidateFunction>();

  /** The same client, every response of which is checked. */
  wrap(http: TestAgent): TestAgent {
    const wrapped: Record<string, unknown> = {};
    for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head', 'options']) {
      wrapped[method] = (url: string) => {
        const test = (http as unknown as Record<string, (url: string) => TestAgent>)[method](url);
        (test as unknown as NodeJS.EventEmitter).on('response', (response: Response) =>
          this.check(method, url, response),
        );
        return test;
      };
    }
    return wrapped as unknown as TestAgent;
  }

  check(method: string, url: string, response: Response): void {
    const pathname = new URL(url, 'http://x').pathname;
    const route = routes.find((candidate) => candidate.pattern.test(pathname));
    const operation = route?.operations[method];
    const request = `${method.toUpperCase()} ${pathname} → ${response.status}`;
    if (!route || !operation) {
      if (route && response.status < 400 && response.status !== 405) {
        this.violations.push({ request, problems: ['method not in the upstream schema'] });
      } else this.undocumented += 1;
      return;
    }
    const documented = operation.responses[String(response.status)];
    if (!documented) {
      if (response.status < 300) {
        const expected = Object.keys(operation.responses).join(', ');
        this.violations.push({ request, problems: [`status; upstream answers ${expected}`] });
      } else this.undocumented += 1;
      return;
    }
    this.validated += 1;
    const problems: string[] = [];
    if (documented.headers && 'x-result-count' in documented.headers) {
      if (!/^\d+$/.test(String(response.headers['x-result-count']))) {
        problems.push('header x-result-count missing or not an integer');
      }
    }
    const schema = documented.content?.['application/json']?.schema;
    if (schema && method !== 'head') {
      const key = `${route.template} ${method} ${response.status}`;
      let validate = this.validators.get(key);
      try {
        validate ??= this.compile(schema);
      } catch (error) {
        // Thrown in a response listener it would hang the request; it is the suite's failure.
        this.violations.push({ request, problems: [`schema: ${(error as Error).message}`] });
        return;
      }
      this.validators.set(key, validate);
      if (!validate(response.body)) {
        for (const error of validate.errors ?? []) {
          problems.push(
            `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
          );
        }
      }
    }
    if (problems.length > 0) this.violations.push({ request, problems });
  }

  /** For afterAll: the suite's figures on one line, and a failure listing any violation. */
  summary(suite: string): string {
    return `${suite}: ${this.validated} responses validated against Waldur 8.0.5, ${this.violations.length} violations, ${this.undocumented} not described upstream`;
  }
}

/** Every upstream operation as `METHOD /path`, for the /docs-json comparison. */
export const upstreamOperations = (): string[] =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
