// The latency harness of the list benchmarks (bench/postbox-list.ts, bench/terms-events.ts).
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

export { freePort } from '../../test/support/service-process.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const WARMUP = 100;

export async function fetchJson(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers });
  return {
    status: res.status,
    total: res.headers.get('total'),
    body: (await res.json()) as unknown[],
  };
}

/** Sequential requests: WARMUP unmeasured, then BENCH_REQUESTS timed; sorted milliseconds. */
export async function measure(
  urlOf: (n: number) => string,
  headers: Record<string, string>,
): Promise<number[]> {
  const timings: number[] = [];
  for (let n = 0; n < WARMUP + REQUESTS; n++) {
    const started = performance.now();
    const res = await fetch(urlOf(n), { headers });
    await res.arrayBuffer();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`${urlOf(n)} answered ${res.status}`);
    if (n >= WARMUP) timings.push(elapsed);
  }
  return timings.sort((a, b) => a - b);
}

export function report(name: string, sorted: number[]): void {
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  console.log(
    `${name}: n=${sorted.length} p50=${at(0.5).toFixed(2)} ms p95=${at(0.95).toFixed(2)} ms ` +
      `p99=${at(0.99).toFixed(2)} ms max=${sorted[sorted.length - 1].toFixed(2)} ms`,
  );
}

export async function explain(
  dataSource: DataSource,
  name: string,
  sql: string,
  parameters: unknown[],
): Promise<void> {
  const rows = await dataSource.query<{ 'QUERY PLAN': string }[]>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    parameters,
  );
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS) — ${name}\n${sql}\n`);
  console.log(rows.map((row) => row['QUERY PLAN']).join('\n'));
}
