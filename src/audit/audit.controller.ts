import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffOrSupport } from '../common/auth/auth.decorators.js';
import { drfWindow, mapPage, type Page } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { AuditService } from './audit.service.js';
import { AuditEventDto } from './dto/audit-event.dto.js';
import { AuditEventsQuery } from './dto/audit-events-query.dto.js';

@ApiTags('audit')
@Controller('api/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @StaffOrSupport()
  @Paginated(AuditEventDto)
  @ApiOperation({ summary: 'The audit trail, newest first (staff and support)' })
  async list(@Query() query: AuditEventsQuery): Promise<Page<AuditEventDto>> {
    const page = await this.audit.list(query, drfWindow(query));
    return mapPage(page, (event) => AuditEventDto.from(event));
  }
}
