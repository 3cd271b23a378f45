import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { ScheduledJobRun } from './scheduled-job-run.entity.js';

/** The start of the slot of length `everyMs` that `at` falls in (slots are aligned to the epoch). */
export function slotOf(at: Date, everyMs: number): Date {
  return new Date(Math.floor(at.getTime() / everyMs) * everyMs);
}

/**
 * Runs scheduled work once per slot across every replica. Each replica's timer fires; the first to
 * insert (job, slot) runs the work in the same transaction, the others find the row and skip. A
 * failed run rolls its row back, so the next tick of any replica retries the slot.
 */
@Injectable()
export class ScheduledJobs {
  private readonly logger = new Logger(ScheduledJobs.name);

  constructor(private readonly transactions: Transactions) {}

  async runOnce(jobName: string, slot: Date, work: () => Promise<void>): Promise<boolean> {
    try {
      return await this.transactions.run(async (tx) => {
        const claimed = await tx
          .createQueryBuilder()
          .insert()
          .into(ScheduledJobRun)
          .values({ jobName, slot })
          .orIgnore()
          .returning(['job_name'])
          .execute();
        if ((claimed.raw as unknown[]).length === 0) return false;
        await work();
        return true;
      });
    } catch (error) {
      this.logger.error(
        { err: error, jobName, slot },
        'Scheduled job failed; the slot will be retried',
      );
      return false;
    }
  }
}
