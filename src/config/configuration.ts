import { registerAs } from '@nestjs/config';
import { loadEnv } from './env.validation.js';

export const appConfig = registerAs('app', () => {
  const env = loadEnv();
  return {
    port: env.PORT,
    host: env.HOST,
    sandbox: env.SANDBOX,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    production: env.NODE_ENV === 'production',
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    dataDir: env.DATA_DIR,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    adminToken: env.ADMIN_TOKEN,
    idempotencyTtlHours: env.IDEMPOTENCY_TTL_HOURS,
    verificationExpiryHours: env.VERIFICATION_EXPIRY_HOURS,
    postboxSigningP12Path: env.POSTBOX_SIGNING_P12_PATH,
    postboxSigningP12Passphrase: env.POSTBOX_SIGNING_P12_PASSPHRASE ?? '',
  };
});

export type AppConfig = ReturnType<typeof appConfig>;
