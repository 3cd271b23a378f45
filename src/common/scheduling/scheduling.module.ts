import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduledJobRun } from './scheduled-job-run.entity.js';
import { ScheduledJobs } from './scheduled-jobs.js';

/** Timers (@Cron/@Interval from @nestjs/schedule) plus once-per-slot execution across replicas. */
@Module({
  imports: [ScheduleModule.forRoot(), TypeOrmModule.forFeature([ScheduledJobRun])],
  providers: [ScheduledJobs],
  exports: [ScheduledJobs],
})
export class SchedulingModule {}
