import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { ScheduledJobs, slotOf } from '../common/scheduling/scheduled-jobs.js';
import { VerificationsService } from './verifications.service.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The onboarding housekeeping; each run happens once per slot across all replicas. */
@Injectable()
export class OnboardingJobs {
  constructor(
    private readonly jobs: ScheduledJobs,
    private readonly verifications: VerificationsService,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'onboarding.expire-verifications', timeZone: 'UTC' })
  async expireVerifications(): Promise<void> {
    await this.jobs.runOnce('onboarding.expire-verifications', slotOf(new Date(), HOUR_MS), () =>
      this.verifications.expireStale().then(() => undefined),
    );
  }

  @Cron(CronExpression.EVERY_DAY_AT_3AM, {
    name: 'onboarding.delete-stale-verifications',
    timeZone: 'UTC',
  })
  async deleteStaleVerifications(): Promise<void> {
    await this.jobs.runOnce(
      'onboarding.delete-stale-verifications',
      slotOf(new Date(), DAY_MS),
      () => this.verifications.deleteStale().then(() => undefined),
    );
  }
}
