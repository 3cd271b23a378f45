import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TokenVerifier } from '../common/auth/token-verifier.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { ApiToken } from './entities/api-token.entity.js';
import { User } from './entities/user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [IdempotencyModule, TypeOrmModule.forFeature([User, ApiToken])],
  controllers: [UsersController],
  providers: [UsersService, AdminBootstrap, { provide: TokenVerifier, useExisting: UsersService }],
  exports: [UsersService, TokenVerifier],
})
export class UsersModule {}
