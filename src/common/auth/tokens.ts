import { createHash, randomBytes } from 'node:crypto';

/** A new API key: 32 random bytes, base64url. Only its hash is ever stored. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
