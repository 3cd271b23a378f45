import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { RequestValidationError } from '../common/errors/api-error.js';

export const METADATA_PART = 'metadata';

type Fields = Record<string, unknown>;

const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A separate part (always a string) holds the same value as a metadata member. */
const sameValue = (part: unknown, member: unknown) =>
  typeof part === 'string' &&
  part === (typeof member === 'string' ? member : JSON.stringify(member));

/**
 * The multipart fields in one flat shape: the members of the JSON object in the `metadata` part
 * merged with the separate parts, `metadata` itself removed. Null members are ignored (Solaris
 * ignores nulls); a member given as a separate part too must hold the same value.
 */
export function mergeMetadata(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || !Object.hasOwn(body, METADATA_PART)) return body;
  const { [METADATA_PART]: raw, ...parts } = body as Fields;
  let metadata: unknown;
  try {
    metadata = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    throw RequestValidationError.field(METADATA_PART, 'must be valid JSON');
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw RequestValidationError.field(METADATA_PART, 'must be a JSON object');
  }
  const merged: Fields = { ...parts };
  for (const [name, value] of Object.entries(metadata as Fields)) {
    if (value === null) continue;
    // Every field is a string or a boolean; refusing nested values also bounds what is hashed.
    if (!isScalar(value)) {
      throw RequestValidationError.field(name, 'must be a string, number or boolean');
    }
    if (Object.hasOwn(parts, name) && !sameValue(parts[name], value)) {
      throw RequestValidationError.field(
        name,
        'is given both in metadata and as a separate part, with different values',
      );
    }
    Object.defineProperty(merged, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/**
 * Brings a Solaris-style multipart body into the DTO's flat shape (see mergeMetadata). It runs
 * after multer has parsed the body and before the idempotency interceptor, so that an
 * `idempotency_key` inside `metadata` is honoured and the fingerprint covers the merged fields.
 */
@Injectable()
export class MultipartMetadataInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    request.body = mergeMetadata(request.body);
    return next.handle();
  }
}
