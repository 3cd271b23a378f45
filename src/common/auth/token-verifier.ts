import type { Principal } from './principal.js';

/** Resolves an API key to its active user; provided by the users module. */
export abstract class TokenVerifier {
  abstract verify(key: string): Promise<Principal | undefined>;
}
