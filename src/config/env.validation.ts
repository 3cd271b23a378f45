import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Reads the raw string: implicit conversion would already have made "false" truthy. */
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  return raw === 'true' ? true : raw === 'false' ? false : raw;
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * Every environment variable the service reads. Nothing outside src/config reads process.env.
 * Fields carry explicit types: the decorator metadata that drives string → number conversion
 * records `Object` for a type inferred from an initializer.
 */
export class EnvironmentVariables {
  /**
   * `production` refuses the development fallbacks: the embedded PostgreSQL, a generated admin
   * key, the sandbox endpoints by default.
   */
  @IsOptional() @IsString() NODE_ENV?: string;

  /** HTTP port. */
  @IsInt() @Min(0) @Max(65535) PORT: number = 3000;

  /** Interface to bind; the container image sets 0.0.0.0. */
  @IsString() HOST: string = '127.0.0.1';

  /** External PostgreSQL; when unset an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE: number = 10;

  /** Embedded PostgreSQL data and the generated admin token live here. */
  @IsString() @MinLength(1) DATA_DIR: string = './.data';

  @IsInt() @Min(1024) @Max(65535) EMBEDDED_PG_PORT: number = 54329;

  /** API key of the bootstrap staff user `admin`. */
  @IsOptional() @IsString() @MinLength(32) @Matches(/^\S+$/) ADMIN_TOKEN?: string;

  /** Enables the sandbox-only endpoints. */
  @Transform(toBoolean) @IsBoolean() SANDBOX: boolean = true;

  @IsInt() @Min(1) @Max(1024) MAX_UPLOAD_MB: number = 20;

  @IsIn(LOG_LEVELS) LOG_LEVEL: LogLevel = 'info';

  /** `json` (one object per line) or `pretty`; unset: pretty on a terminal, else JSON. */
  @IsOptional() @IsIn(LOG_FORMATS) LOG_FORMAT?: LogFormat;

  /** Base of the absolute URLs in responses; derived from the request when unset. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsInt() @Min(1) @Max(24 * 365) IDEMPOTENCY_TTL_HOURS: number = 24;

  /** How long an onboarding verification may stay pending or escalated before it expires. */
  @IsInt() @Min(1) @Max(24 * 365) VERIFICATION_EXPIRY_HOURS: number = 48;

  /**
   * PKCS#12 file (key + certificate) that signs generated Postbox PDFs. Unset in the sandbox: a
   * self-signed pair is generated once and kept under DATA_DIR.
   */
  @IsOptional() @IsString() @MinLength(1) POSTBOX_SIGNING_P12_PATH?: string;

  /** Passphrase of POSTBOX_SIGNING_P12_PATH. */
  @IsOptional() @IsString() POSTBOX_SIGNING_P12_PASSPHRASE?: string;
}

export class ConfigValidationError extends Error {}

/** Validates raw environment variables; throws naming every offending key. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const env = plainToInstance(EnvironmentVariables, defined, {
    enableImplicitConversion: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // The sandbox endpoints change data for tests; production has them only when asked for.
  if (defined.SANDBOX === undefined && env.NODE_ENV === 'production') env.SANDBOX = false;
  return env;
}

export function loadEnv(): EnvironmentVariables {
  return validateEnv(process.env);
}
