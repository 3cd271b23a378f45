/**
 * The two route families and their error dialects: `/v1` is Solaris-compatible, `/api` is
 * Waldur's DRF. Paths in neither (health, docs) get DRF-shaped errors and no documented dialect.
 */
export type ApiFamily = 'solaris' | 'drf';

/**
 * The family of a request path (with or without its query). Case-insensitive, as Express routes
 * are: `/V1/PERSONS` reaches a `/v1` handler and must be answered in that handler's dialect.
 */
export function familyOf(path: string): ApiFamily | undefined {
  if (/^\/v1(?:[/?#]|$)/i.test(path)) return 'solaris';
  if (/^\/api(?:[/?#]|$)/i.test(path)) return 'drf';
  return undefined;
}

export const isSolarisPath = (path: string): boolean => familyOf(path) === 'solaris';
