import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ScheduledJobs, slotOf } from '../scheduling/scheduled-jobs.js';
import { IdempotencyService } from './idempotency.service.js';

const REAP_EVERY_MS = 15 * 60_000;

/** Deletes expired idempotency keys, once per slot across all replicas. */
@Injectable()
export class IdempotencyReaper {
  private readonly logger = new Logger(IdempotencyReaper.name);

  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly keys: IdempotencyService,
  ) {}

  @Interval(REAP_EVERY_MS)
  async reap(now = new Date()): Promise<void> {
    await this.jobs.runOnce('idempotency.reap', slotOf(now, REAP_EVERY_MS), async () => {
      const deleted = await this.keys.reapExpired();
      if (deleted > 0) this.logger.log(`Reaped ${deleted} expired idempotency key(s)`);
    });
  }
}
