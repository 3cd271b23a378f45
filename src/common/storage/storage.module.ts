import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StoredFileChunk } from './entities/stored-file-chunk.entity.js';
import { StoredFile } from './entities/stored-file.entity.js';
import { FileStorage } from './file-storage.service.js';
import { SniffingStorageEngine } from './sniffing-storage.engine.js';

/**
 * Document uploads: the multer options (streaming engine, limits) that FileInterceptor reads, and
 * the FileStorage service. A module with a @DocumentUpload() route must import this one: without
 * it, FileInterceptor would fall back to multer's defaults (memory storage, no limits).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([StoredFile, StoredFileChunk]),
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => ({
        storage: await SniffingStorageEngine.open(join(tmpdir(), 'compliance-uploads')),
        defParamCharset: 'utf8',
        limits: {
          fileSize: config.maxUploadBytes,
          files: 1,
          fields: 20,
          parts: 25,
          fieldSize: 64 * 1024,
          headerPairs: 100,
        },
      }),
    }),
  ],
  providers: [FileStorage],
  exports: [FileStorage, MulterModule],
})
export class StorageModule {}
