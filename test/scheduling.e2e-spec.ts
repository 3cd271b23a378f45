import { ScheduledJobs } from '../src/common/scheduling/scheduled-jobs.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

describe('scheduled jobs run once per slot across replicas', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('lets exactly one of many concurrent claims of a slot run the work', async () => {
    const slot = new Date('2026-11-21T10:00:00Z');
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const replicas = [first, second].map((t) => t.app.get(ScheduledJobs));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => replicas[i % 2].runOnce('test.once', slot, work)),
    );
    expect(runs).toBe(1);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await replicas[0].runOnce('test.once', new Date('2026-11-21T11:00:00Z'), work)).toBe(
      true,
    );
    expect(runs).toBe(2);
  });

  it('leaves a failed slot unclaimed so that it is retried', async () => {
    const jobs = first.app.get(ScheduledJobs);
    const slot = new Date('2026-11-21T12:00:00Z');
    expect(
      await jobs.runOnce('test.retry', slot, () => Promise.reject(new Error('transient'))),
    ).toBe(false);
    let ran = false;
    const succeed = () => {
      ran = true;
      return Promise.resolve();
    };
    expect(await jobs.runOnce('test.retry', slot, succeed)).toBe(true);
    expect(ran).toBe(true);
  });
});
