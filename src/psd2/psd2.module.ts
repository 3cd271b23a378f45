import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { IdempotencyModule } from '../common/idempotency/idempotency.module.js';
import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonsModule } from '../persons/persons.module.js';
import { Psd2Challenge } from './entities/psd2-challenge.entity.js';
import { Psd2Controller } from './psd2.controller.js';
import { Psd2Jobs } from './psd2.jobs.js';
import { Psd2Service } from './psd2.service.js';

/** PSD2 strong-customer-authentication challenges of TPP logins, and their cleanup. */
@Module({
  imports: [
    AuditModule,
    IdempotencyModule,
    SchedulingModule,
    TypeOrmModule.forFeature([Psd2Challenge]),
    PersonsModule,
  ],
  controllers: [Psd2Controller],
  providers: [Psd2Service, Psd2Jobs],
})
export class Psd2Module {}
