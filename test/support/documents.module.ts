import { Controller, Get, Module, Param, Post, Res, UploadedFile } from '@nestjs/common';
import type { Response } from 'express';
import { ModelNotFoundError } from '../../src/common/errors/api-error.js';
import { StorageModule } from '../../src/common/storage/storage.module.js';
import { DocumentUpload } from '../../src/common/storage/document-upload.decorator.js';
import { FileStorage, requireUpload } from '../../src/common/storage/file-storage.service.js';
import { sanitizeFileName } from '../../src/common/storage/file-types.js';

/** A bare upload/download pair over the shared storage, for the storage suite only. */
@Controller('api/test-documents')
class TestDocumentsController {
  constructor(private readonly storage: FileStorage) {}

  @Post()
  @DocumentUpload()
  async upload(@UploadedFile() file: Express.Multer.File | undefined) {
    const upload = requireUpload(file);
    const stored = await this.storage.store(upload);
    return {
      id: stored.id,
      size: stored.size,
      sha256: stored.sha256,
      content_type: stored.contentType,
      file_name: sanitizeFileName(upload.originalname),
    };
  }

  @Get(':id')
  async download(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const stored = await this.storage.get(id);
    if (!stored) throw new ModelNotFoundError('Document', id);
    return this.storage.download(response, stored, 'Ausweis Müller.pdf');
  }
}

@Module({ imports: [StorageModule], controllers: [TestDocumentsController] })
export class DocumentsTestModule {}
