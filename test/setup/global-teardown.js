import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.__TEST_DATABASE__?.stop();
  if (process.env.DATA_DIR?.includes('compliance-test-')) {
    await rm(process.env.DATA_DIR, { recursive: true, force: true });
  }
}
