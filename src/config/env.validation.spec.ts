import { ConfigValidationError, validateEnv } from './env.validation.js';

describe('validateEnv', () => {
  it('applies the defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './.data',
      SANDBOX: true,
      MAX_UPLOAD_MB: 20,
      LOG_LEVEL: 'info',
      IDEMPOTENCY_TTL_HOURS: 24,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans given as strings', () => {
    const env = validateEnv({
      PORT: '8080',
      EMBEDDED_PG_PORT: '55199',
      SANDBOX: 'false',
      MAX_UPLOAD_MB: '5',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      EMBEDDED_PG_PORT: 55199,
      SANDBOX: false,
      MAX_UPLOAD_MB: 5,
    });
  });

  it('treats empty values as unset', () => {
    expect(validateEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      DATABASE_URL: undefined,
      PORT: 3000,
    });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['SANDBOX', 'yes'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'xml'],
    ['DATABASE_URL', 'mysql://x'],
    ['ADMIN_TOKEN', 'short'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['MAX_UPLOAD_MB', '0'],
  ])('rejects %s=%s naming the key', (key, value) => {
    expect(() => validateEnv({ [key]: value })).toThrow(ConfigValidationError);
    expect(() => validateEnv({ [key]: value })).toThrow(
      new RegExp(`^Invalid configuration:\\n  ${key}: `),
    );
  });

  it('turns the sandbox off by default in production, unless asked for', () => {
    expect(validateEnv({ NODE_ENV: 'production' }).SANDBOX).toBe(false);
    expect(validateEnv({ NODE_ENV: 'production', SANDBOX: 'true' }).SANDBOX).toBe(true);
    expect(validateEnv({ NODE_ENV: 'development' }).SANDBOX).toBe(true);
  });

  it('accepts both log formats', () => {
    expect(validateEnv({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(validateEnv({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(validateEnv({}).LOG_FORMAT).toBeUndefined();
  });

  it('ignores variables it does not know', () => {
    expect(() => validateEnv({ HOME: '/root', PATH: '/usr/bin' })).not.toThrow();
  });
});
