import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';
import { CustomersService } from './customers.service.js';
import { CustomerDto } from './dto/customer.dto.js';
import { MODELS } from './onboarding.errors.js';

/** The customers onboarding created, so that a verification's `customer` link resolves. */
@ApiTags('onboarding')
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Get(':uuid')
  @Endpoint({ summary: 'Retrieve a customer (its owner, staff and support)' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', MODELS.customer) id: string,
    @BaseUrl() baseUrl: string,
  ): Promise<CustomerDto> {
    return CustomerDto.from(await this.customers.get(caller, id), baseUrl);
  }
}
