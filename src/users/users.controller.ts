import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../common/auth/auth.decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BaseUrl } from '../common/http/base-url.js';
import { DrfPageQuery } from '../common/pagination/page.dto.js';
import { drfWindow, mapPage, type Page } from '../common/pagination/page.js';
import { Paginated } from '../common/pagination/pagination.interceptor.js';
import { Endpoint } from '../common/routes/endpoint.decorator.js';
import { UuidParam } from '../common/routes/id-params.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { TokenDto, UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { Idempotent } from '../common/idempotency/idempotent.decorator.js';

@ApiTags('users')
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Paginated(UserDto)
  @Endpoint({ summary: 'List users (staff and support)', access: 'staff-or-support' })
  async list(@Query() query: DrfPageQuery, @BaseUrl() baseUrl: string): Promise<Page<UserDto>> {
    const page = await this.users.list(drfWindow(query));
    return mapPage(page, (user) => UserDto.from(user, baseUrl));
  }

  @Post()
  @Idempotent()
  @Endpoint({ summary: 'Create a user (staff)', access: 'staff' })
  async create(@Body() dto: CreateUserDto, @BaseUrl() baseUrl: string): Promise<UserDto> {
    return UserDto.from(await this.users.create(dto), baseUrl);
  }

  @Get('me')
  @Endpoint({ summary: 'The calling user' })
  async me(@CurrentUser() caller: Principal, @BaseUrl() baseUrl: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(caller.id), baseUrl);
  }

  @Get(':uuid')
  @Endpoint({ summary: 'Retrieve a user (self, staff, support)' })
  async retrieve(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', 'User') id: string,
    @BaseUrl() baseUrl: string,
  ): Promise<UserDto> {
    return UserDto.from(await this.users.findVisible(caller, id), baseUrl);
  }

  @Post(':uuid/token')
  @HttpCode(HttpStatus.CREATED)
  @Endpoint({ summary: 'Issue a new API key (self or staff); the previous one stops working' })
  async issueToken(
    @CurrentUser() caller: Principal,
    @UuidParam('uuid', 'User') id: string,
  ): Promise<TokenDto> {
    return { token: await this.users.issueToken(caller, id) };
  }
}
