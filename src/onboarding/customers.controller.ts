import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { CustomersService } from './customers.service.js';
import { CustomerDto } from './dto/customer.dto.js';

/** The customers onboarding created, so that a verification's `customer` link resolves. */
@ApiTags('onboarding')
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get(':uuid')
  @ApiOperation({ summary: 'Retrieve a customer (its owner, staff and support)' })
  @ApiParam({ name: 'uuid', description: 'Hex uuid (hyphenated also accepted)' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to the caller.' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @Param('uuid') uuid: string,
    @BaseUrl() baseUrl: string,
  ): Promise<CustomerDto> {
    return CustomerDto.from(await this.customers.get(caller, uuid), baseUrl);
  }
}
