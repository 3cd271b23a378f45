import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IDEMPOTENT_OPTIONS, IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyReaper } from './idempotency.reaper.js';
import { IdempotencyService } from './idempotency.service.js';

/**
 * Idempotency keys in PostgreSQL; routes opt in with @Idempotent(). A module with such routes
 * imports this one, so that the interceptor can be built in its scope.
 */
@Module({
  imports: [SchedulingModule, TypeOrmModule.forFeature([IdempotencyKey]), DiscoveryModule],
  providers: [IdempotencyService, IdempotencyInterceptor, IdempotencyReaper],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class IdempotencyModule implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /**
   * Refuses to start when an @Idempotent() route has an interceptor that runs after it: that one
   * (e.g. multer's) would parse the body only after the fingerprint was taken.
   */
  onApplicationBootstrap(): void {
    for (const { metatype } of this.discovery.getControllers()) {
      const prototype = (metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as object;
        if (Reflect.getMetadata(IDEMPOTENT_OPTIONS, handler) === undefined) continue;
        const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ??
          []) as unknown[];
        if (interceptors.at(-1) !== IdempotencyInterceptor) {
          throw new Error(
            `${(metatype as { name: string }).name}.${name}: list @Idempotent() above the ` +
              'decorators that add interceptors (@DocumentUpload(), @UseInterceptors(…)), so that ' +
              'it runs last, after the upload has been parsed',
          );
        }
      }
    }
  }
}
