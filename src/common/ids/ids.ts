import { randomBytes, randomUUID } from 'node:crypto';

const HEX_UUID = /^[0-9a-f]{32}$/i;
const HYPHENATED_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as `/api` shows it: 32 lowercase hex characters, no hyphens. */
export function toHexUuid(uuid: string): string {
  return uuid.replace(/-/g, '').toLowerCase();
}

/**
 * Parses an `/api` id (hex or hyphenated) into the canonical hyphenated form PostgreSQL stores,
 * or undefined when it is not a uuid at all.
 */
export function parseUuid(value: string): string | undefined {
  if (HYPHENATED_UUID.test(value)) return value.toLowerCase();
  if (!HEX_UUID.test(value)) return undefined;
  const hex = value.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newUuid(): string {
  return randomUUID();
}

/** Type suffixes of Solaris ids (32 lowercase hex characters + suffix). */
export type SolarisSuffix =
  'cper' | 'cbiz' | 'cdoc' | 'pbxd' | 'pbxi' | 'pbxc' | 'cqset' | 'cqst' | 'tcdc' | 'psdc' | '';

export function newSolarisId(suffix: SolarisSuffix): string {
  return randomBytes(16).toString('hex') + suffix;
}

export function isSolarisId(value: string, suffix: SolarisSuffix): boolean {
  return (
    value.length === 32 + suffix.length &&
    /^[0-9a-f]{32}$/.test(value.slice(0, 32)) &&
    value.endsWith(suffix)
  );
}
