import { Controller, Get, Res, type StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';
import { FileStorage } from '../common/storage/file-storage.service.js';
import { JustificationsService } from './justifications.service.js';
import { MODELS } from './onboarding.errors.js';

@ApiTags('onboarding')
@Controller('api/onboarding-justification-documents')
export class JustificationDocumentsController {
  constructor(
    private readonly justifications: JustificationsService,
    private readonly storage: FileStorage,
  ) {}

  @Get(':uuid/download')
  @Endpoint({
    summary: 'Download a supporting document (owner of the justification, staff, support)',
    description:
      'Sent as an attachment with `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.',
    answers: { files: ['application/pdf', 'image/png', 'image/jpeg'] },
  })
  async download(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.document) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, fileName } = await this.justifications.documentForDownload(caller, id);
    return this.storage.download(response, file, fileName);
  }
}
