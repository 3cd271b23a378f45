import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import {
  createApiUser,
  Database,
  newAdminToken,
  scratchDir,
  ServiceProcess,
} from '../support/service-process.js';

/**
 * Swagger UI in a real browser (Debian's chromium driven by playwright-core): authorize with an
 * API key, "Try it out" on GET /api/users/me/, and the live answer is a 200 naming the user.
 * The screenshot lands in test/ui/artifacts/.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, 'artifacts');

describe('Swagger UI', () => {
  let database: Database;
  let service: ServiceProcess;
  let browser: BrowserContext;
  let profile: string;
  const admin = newAdminToken();

  beforeAll(async () => {
    database = await Database.start();
    service = await ServiceProcess.start({ databaseUrl: database.url, adminToken: admin });
    profile = await scratchDir('ui-profile-');
    // A fresh profile directory each run: nothing remembered from an earlier one.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1280, height: 1600 },
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await service?.stop();
    await database?.destroy();
  });

  it('authorizes with a token and runs GET /api/users/me/ from the page', async () => {
    const user = await createApiUser(service.baseUrl, admin);
    const page = await browser.newPage();
    // The page must need nothing but the service itself.
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(service.baseUrl) && !request.url().startsWith('data:')) {
        foreign.push(request.url());
      }
    });

    await page.goto(`${service.baseUrl}/docs`);
    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(user.token);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const operation = page.locator('.opblock-get', {
      has: page.locator('[data-path="/api/users/me/"]'),
    });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();

    const live = operation.locator('.live-responses-table .response .response-col_status');
    await live.first().waitFor({ timeout: 30_000 });
    expect((await live.first().innerText()).trim()).toBe('200');
    const answer = await operation
      .locator('.live-responses-table .response-col_description pre')
      .first()
      .innerText();
    expect(JSON.parse(answer)).toMatchObject({ uuid: user.uuid });
    const curl = await operation.locator('.curl-command, .curl').first().innerText();
    expect(curl).toContain(`Authorization: Bearer ${user.token}`);

    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'swagger-users-me.png'), fullPage: false });
    expect(foreign).toEqual([]);
  });
});
