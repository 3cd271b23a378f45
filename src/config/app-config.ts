import { type DynamicModule, Global, Module } from '@nestjs/common';
import {
  type EnvironmentVariables,
  type LogFormat,
  type LogLevel,
  loadEnv,
} from './env.validation.js';

/**
 * The service's configuration, typed, read once from the validated environment. Inject it and
 * read its properties; nothing else reads the environment. Tests change it through
 * `ConfigModule.forRoot({ overrides })`, never through process.env.
 */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  readonly sandbox: boolean;
  readonly maxUploadBytes: number;
  readonly logLevel: LogLevel;
  /** LOG_FORMAT; unset means pretty on a terminal, JSON otherwise. */
  readonly logFormat: LogFormat | undefined;
  /** NODE_ENV=production. */
  readonly production: boolean;
  /** Base of absolute URLs in responses, without a trailing slash; derived per request if unset. */
  readonly publicBaseUrl: string | undefined;
  readonly dataDir: string;
  readonly databasePoolSize: number;
  readonly adminToken: string | undefined;
  readonly idempotencyTtlHours: number;
  readonly verificationExpiryHours: number;
  readonly postboxSigningP12Path: string | undefined;
  readonly postboxSigningP12Passphrase: string;
  readonly psd2ChallengeTtlSeconds: number;
  readonly psd2RedirectBaseUrl: string;
  readonly webhooks: {
    /** Unset WEBHOOK_ALLOW_PRIVATE_URLS follows SANDBOX. */
    allowPrivateUrls: boolean;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    concurrency: number;
    pollIntervalMs: number;
  };

  constructor(env: EnvironmentVariables, overrides: Partial<AppConfig> = {}) {
    this.port = env.PORT;
    this.host = env.HOST;
    this.sandbox = env.SANDBOX;
    this.maxUploadBytes = env.MAX_UPLOAD_MB * 1024 * 1024;
    this.logLevel = env.LOG_LEVEL;
    this.logFormat = env.LOG_FORMAT;
    this.production = env.NODE_ENV === 'production';
    this.publicBaseUrl = env.PUBLIC_BASE_URL?.replace(/\/+$/, '');
    this.dataDir = env.DATA_DIR;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.adminToken = env.ADMIN_TOKEN;
    this.idempotencyTtlHours = env.IDEMPOTENCY_TTL_HOURS;
    this.verificationExpiryHours = env.VERIFICATION_EXPIRY_HOURS;
    this.postboxSigningP12Path = env.POSTBOX_SIGNING_P12_PATH;
    this.postboxSigningP12Passphrase = env.POSTBOX_SIGNING_P12_PASSPHRASE ?? '';
    this.psd2ChallengeTtlSeconds = env.PSD2_CHALLENGE_TTL_SECONDS;
    this.psd2RedirectBaseUrl = env.PSD2_REDIRECT_BASE_URL;
    this.webhooks = {
      allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.SANDBOX,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      concurrency: env.WEBHOOK_CONCURRENCY,
      pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    };
    Object.assign(this, overrides);
  }
}

export interface ConfigModuleOptions {
  /** The validated environment when the caller already read it (main.ts); else it is read here. */
  env?: EnvironmentVariables;
  /** Values that replace the environment's (tests). */
  overrides?: Partial<AppConfig>;
}

/** Global: configuration is infrastructure every layer reads. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot({ env = loadEnv(), overrides }: ConfigModuleOptions = {}): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: new AppConfig(env, overrides) }],
      exports: [AppConfig],
    };
  }
}
