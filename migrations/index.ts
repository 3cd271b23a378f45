// Every migration, oldest first. Rewritten by `npm run migration:generate`.
import { Foundation1795303946980 } from './1795303946980-Foundation.js';
import { ScheduledJobRuns1795304178846 } from './1795304178846-ScheduledJobRuns.js';
import { StoredFiles1795304478100 } from './1795304478100-StoredFiles.js';
import { IdempotencyKeys1795304711857 } from './1795304711857-IdempotencyKeys.js';
import { PersonsBusinessesPostbox1795304792873 } from './1795304792873-PersonsBusinessesPostbox.js';
import { Onboarding1795305950675 } from './1795305950675-Onboarding.js';
import { OnboardingUpstreamCompat1796217520630 } from './1796217520630-OnboardingUpstreamCompat.js';

export const migrations = [
  Foundation1795303946980,
  ScheduledJobRuns1795304178846,
  StoredFiles1795304478100,
  IdempotencyKeys1795304711857,
  PersonsBusinessesPostbox1795304792873,
  Onboarding1795305950675,
  OnboardingUpstreamCompat1796217520630,
];
