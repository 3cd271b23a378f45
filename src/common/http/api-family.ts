/**
 * Whether a request path (with or without its query) belongs to the Solaris-compatible `/v1`
 * family. Case-insensitive, as Express routes are: `/V1/PERSONS` reaches a `/v1` handler and
 * must be answered in that handler's dialect.
 */
export function isSolarisPath(path: string): boolean {
  return /^\/v1(?:[/?#]|$)/i.test(path);
}
