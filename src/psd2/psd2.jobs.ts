import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ScheduledJobs, slotOf } from '../common/scheduling/scheduled-jobs.js';
import { Psd2Service } from './psd2.service.js';

const CLEANUP_EVERY_MS = 15 * 60_000;

/** Deletes long-expired PSD2 challenges, once per slot across all replicas. */
@Injectable()
export class Psd2Jobs {
  private readonly logger = new Logger(Psd2Jobs.name);

  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly psd2: Psd2Service,
  ) {}

  @Interval(CLEANUP_EVERY_MS)
  async deleteExpiredChallenges(now = new Date()): Promise<boolean> {
    return this.jobs.runOnce(
      'psd2.delete-expired-challenges',
      slotOf(now, CLEANUP_EVERY_MS),
      async () => {
        const deleted = await this.psd2.deleteExpired(now);
        if (deleted > 0) this.logger.log(`Deleted ${deleted} expired PSD2 challenge(s)`);
      },
    );
  }
}
