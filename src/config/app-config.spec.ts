import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from './app-config.js';
import { validateEnv } from './env.validation.js';

describe('AppConfig', () => {
  it('derives typed values from the validated environment', () => {
    const config = new AppConfig(
      validateEnv({ MAX_UPLOAD_MB: '2', PUBLIC_BASE_URL: 'https://x.test//', SANDBOX: 'false' }),
    );
    expect(config.maxUploadBytes).toBe(2 * 1024 * 1024);
    expect(config.publicBaseUrl).toBe('https://x.test');
    expect(config.sandbox).toBe(false);
    expect(config.postboxSigningP12Passphrase).toBe('');
  });

  it('is injected by ConfigModule with the overrides applied over the environment', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ env: validateEnv({ PORT: '8080' }), overrides: { sandbox: false } }),
      ],
    }).compile();
    const config = moduleRef.get(AppConfig);
    expect(config.port).toBe(8080);
    expect(config.sandbox).toBe(false);
  });
});
