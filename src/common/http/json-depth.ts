import type { IncomingMessage } from 'node:http';

/**
 * Deepest nesting a JSON body may have. Real payloads nest a few levels; parsing is iterative,
 * but validation, transformation and fingerprinting recurse, so a 1 MB body of `[[[[…` would
 * exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of brackets outside strings, in one pass over the raw bytes. */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      deepest = Math.max(deepest, ++depth);
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return deepest;
}

/** body-parser `verify` hook: a 400 (`entity.too.deep`) for a body nested beyond MAX_JSON_DEPTH. */
export function rejectDeepJson(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  if (jsonDepth(body) > MAX_JSON_DEPTH) {
    throw Object.assign(
      new Error(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`),
      {
        status: 400,
        type: 'entity.too.deep',
      },
    );
  }
}
