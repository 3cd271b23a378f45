import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { StaffOnly } from '../../src/common/auth/auth.decorators.js';
import { ModelNotFoundError } from '../../src/common/errors/api-error.js';
import { SolarisPageQuery } from '../../src/common/pagination/page.dto.js';
import { solarisWindow, type Page } from '../../src/common/pagination/page.js';
import { Paginated } from '../../src/common/pagination/pagination.interceptor.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { CurrentUser } from '../../src/common/auth/auth.decorators.js';
import type { Principal } from '../../src/common/auth/principal.js';
import { UsersModule } from '../../src/users/users.module.js';
import { UsersService } from '../../src/users/users.service.js';

class Inner {
  @IsIn(['CUSTOMER', 'PARTNER']) kind: string;
}

class ProbeBody {
  @IsString() name: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(10) count: number;
  @ValidateNested() @Type(() => Inner) inner: Inner;
}

/** Routes that exist only in the e2e suites, to reach the platform in both dialects. */
function probeController(prefix: 'api' | 'v1') {
  @Controller(`${prefix}/probe`)
  class ProbeController {
    constructor(
      readonly users: UsersService,
      readonly audit: AuditService,
    ) {}

    @Post('audit')
    async recordAudit(@CurrentUser() caller: Principal, @Body() body: ProbeBody) {
      await this.audit.record({
        actorId: caller.id,
        action: 'probe.recorded',
        objectType: 'probe',
        objectId: body.name,
      });
      return { ok: true };
    }

    @Post('staff')
    @StaffOnly()
    staffOnly() {
      return { ok: true };
    }

    @Post('validate')
    validate(@Body() body: ProbeBody) {
      return body;
    }

    @Get('missing')
    missing() {
      throw new ModelNotFoundError('Person', 'nope');
    }

    @Get('users')
    @Paginated()
    async listUsers(@Query() query: SolarisPageQuery): Promise<Page<string>> {
      const page = await this.users.list(solarisWindow(query));
      return { ...page, items: page.items.map((user) => user.username) };
    }

    @Get('boom')
    boom() {
      throw new Error('secret internals: password=hunter2');
    }
  }
  return ProbeController;
}

@Module({
  imports: [AuditModule, UsersModule],
  controllers: [probeController('api'), probeController('v1')],
})
export class ProbeModule {}
