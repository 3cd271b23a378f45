import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { StartupError } from '../database/database-server.js';
import { UsersService } from './users.service.js';

/** At boot: the staff user `admin`, keyed by ADMIN_TOKEN or by a key generated on first run. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const configured = this.config.adminToken;
    // A generated key is only printed in the log and written to DATA_DIR, which in production
    // is scratch space (the image's tmpfs) read by nobody: the only staff key would be lost.
    if (!configured && this.config.production && !(await this.users.adminExists())) {
      throw new StartupError(
        'ADMIN_TOKEN is required with NODE_ENV=production on a database without the admin user (a generated key would be lost).',
      );
    }
    const generated = await this.users.ensureAdmin(configured);
    if (!generated) return;
    const dataDir = this.config.dataDir;
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, 'admin-token');
    await writeFile(file, `${generated}\n`, { mode: 0o600 });
    this.logger.warn(
      `Generated the API key of the staff user 'admin' (shown once, also saved to ${file}): ${generated}`,
    );
  }
}
