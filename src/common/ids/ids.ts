import { randomBytes } from 'node:crypto';

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

/** An `/api` resource: its 404s say only "Not found.", so the name is for docs and logs. */
export const UUID_EXAMPLE = '9a8b7c6d5e4f40312a2b3c4d5e6f7a8b';

/**
 * A Solaris resource as its ids and errors name it: ids are 32 lowercase hex characters and the
 * model's suffix, 404s say `Couldn't find 'Solaris::<name>' …`. Each feature declares its own
 * models with `solarisModel`; common code only ever receives them.
 */
export interface SolarisModel {
  readonly name: string;
  readonly suffix: string;
  /** An id of this model for the API documentation. */
  readonly example: string;
}

const models = new Map<string, SolarisModel>();

/**
 * Declares a Solaris model; two models may not share a suffix (their ids would be ambiguous).
 * The suffix `''` is a bare id of 32 hex characters, as Solaris shows some resources.
 */
export function solarisModel(name: string, suffix: string, example: string): SolarisModel {
  if (!/^[a-z]{0,8}$/.test(suffix)) throw new Error(`invalid Solaris id suffix '${suffix}'`);
  const taken = models.get(suffix);
  if (taken && taken.name !== name) {
    throw new Error(`Solaris id suffix '${suffix}' is taken by ${taken.name}`);
  }
  const model = { name, suffix, example };
  if (!isSolarisId(example, model)) throw new Error(`'${example}' is not an id of ${name}`);
  models.set(suffix, model);
  return model;
}

export function newSolarisId(model: SolarisModel): string {
  return randomBytes(16).toString('hex') + model.suffix;
}

export function isSolarisId(value: string, model: SolarisModel): boolean {
  return (
    value.length === 32 + model.suffix.length &&
    /^[0-9a-f]{32}$/.test(value.slice(0, 32)) &&
    value.endsWith(model.suffix)
  );
}
