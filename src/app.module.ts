import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { StaffGuard } from './common/auth/staff.guard.js';
import { SandboxGuard } from './common/sandbox/sandbox.guard.js';
import { RequestContextInterceptor } from './common/http/request-context.js';
import { type AppConfig, ConfigModule } from './config/app-config.js';
import type { EnvironmentVariables } from './config/env.validation.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { PersonsModule } from './persons/persons.module.js';
import { PostboxModule } from './postbox/postbox.module.js';
import { QuestionsModule } from './questions/questions.module.js';
import { Psd2Module } from './psd2/psd2.module.js';
import { TermsModule } from './terms/terms.module.js';
import { OnboardingModule } from './onboarding/onboarding.module.js';
import { UsersModule } from './users/users.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppModuleOptions {
  databaseUrl: string;
  /** The environment main.ts validated already; read here when absent. */
  env?: EnvironmentVariables;
  /** Configuration values that replace the environment's (tests). */
  config?: Partial<AppConfig>;
}

@Module({})
export class AppModule {
  static forRoot({ databaseUrl, env, config }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ env, overrides: config }),
        LoggingModule,
        DatabaseModule.forRoot({ url: databaseUrl }),
        WebhooksModule,
        AuditModule,
        HealthModule,
        UsersModule,
        PersonsModule,
        PostboxModule,
        QuestionsModule,
        Psd2Module,
        TermsModule,
        OnboardingModule,
      ],
      providers: [
        // First: with SANDBOX=false a sandbox-only route is absent, even to unauthenticated callers.
        { provide: APP_GUARD, useClass: SandboxGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: StaffGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
    };
  }
}
