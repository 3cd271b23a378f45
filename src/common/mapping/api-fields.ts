import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Where @nestjs/swagger keeps a class's documented properties: their names (as `:name`, its own and
 * those its mapped types — PickType, IntersectionType, … — copied) and each one's options. The
 * package does not export these keys.
 */
const DOCUMENTED_PROPERTIES = 'swagger/apiModelPropertiesArray';
const PROPERTY_OPTIONS = 'swagger/apiModelProperties';

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** Every field of `T` present: one the client may leave out is null instead. */
export type Present<T> = {
  [K in keyof T]-?: undefined extends T[K] ? Exclude<T[K], undefined> | null : T[K];
};

/** A snake_case record's fields as camelCase properties. */
export type CamelCased<T> = { [K in keyof T as K extends string ? CamelCase<K> : never]: T[K] };

/** `business_address_line_1` → `businessAddressLine1`: the one rule between API and entities. */
export const camelCase = (name: string): string =>
  name.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase());

/** The documented fields of a DTO class, in the order the document lists them. */
export function apiFields(dto: Type<unknown>): string[] {
  const names = (Reflect.getMetadata(DOCUMENTED_PROPERTIES, dto.prototype as object) ??
    []) as string[];
  return names.map((name) => name.slice(1));
}

/**
 * A validated request DTO's fields as entity properties; a field the client left out is null.
 * Only documented fields are read, so nothing the DTO does not declare reaches the entity.
 */
export function fromApiFields<T extends object>(dto: T): CamelCased<Present<T>> {
  const entity: Record<string, unknown> = {};
  for (const field of apiFields(dto.constructor as Type<T>)) {
    entity[camelCase(field)] = (dto as Record<string, unknown>)[field] ?? null;
  }
  return entity as CamelCased<Present<T>>;
}

/** The response `dto` of an entity: each documented field from its camelCase property. */
export function toApiFields<T>(dto: Type<T>, entity: object): T {
  const body: Record<string, unknown> = {};
  for (const field of apiFields(dto)) {
    body[field] = (entity as Record<string, unknown>)[camelCase(field)] ?? null;
  }
  return body as T;
}

/**
 * A response composed from request DTOs (and classes of read-only fields), documented as the
 * Solaris API answers: every field present, and one the request may leave out null where unknown.
 */
export function AlwaysPresent<T>(composed: Type<T>): Type<Present<T>> {
  class Response extends (composed as Type<object>) {}
  for (const field of apiFields(composed)) {
    // Given whole, as the mapped types pass them: a partial update would re-derive the type.
    const options = Reflect.getMetadata(
      PROPERTY_OPTIONS,
      composed.prototype as object,
      field,
    ) as ApiPropertyOptions;
    const nullable = options.required === false ? true : options.nullable;
    ApiProperty({ ...options, required: true, nullable } as ApiPropertyOptions)(
      Response.prototype,
      field,
    );
  }
  return Response as Type<Present<T>>;
}
