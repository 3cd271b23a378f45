import { Controller, Get, Param, Res, type StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { FileStorage } from '../common/storage/file-storage.service.js';
import { JustificationsService } from './justifications.service.js';

@ApiTags('onboarding')
@Controller('api/onboarding-justification-documents')
export class JustificationDocumentsController {
  constructor(
    private readonly justifications: JustificationsService,
    private readonly storage: FileStorage,
  ) {}

  @Get(':uuid/download')
  @ApiOperation({
    summary: 'Download a supporting document (owner of the justification, staff, support)',
    description:
      'Sent as an attachment with `X-Content-Type-Options: nosniff` and `Cache-Control: no-store`.',
  })
  @ApiParam({ name: 'uuid', description: 'Hex uuid of the document' })
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller.' })
  async download(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { file, fileName } = await this.justifications.documentForDownload(caller, uuid);
    return this.storage.download(response, file, fileName);
  }
}
