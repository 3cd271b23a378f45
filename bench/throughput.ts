/**
 * Throughput of the service against the practical ceiling on this machine: autocannon at 1, 16
 * and 64 connections on each measured route, first against the compiled service (its own
 * process, embedded PostgreSQL, default LOG_LEVEL info), then against bench/baseline-server (the
 * same SQL behind bare node:http + pg); req/s, p50/p99 latency and each route's ratio to the
 * baseline. Loopback only; every point is bounded by BENCH_SECONDS (default 10).
 *
 *   npm run bench:throughput      (BENCH_SECONDS, BENCH_CONNECTIONS=1,16,64, LOG_LEVEL)
 */
import { measure, SCENARIOS, startBaseline, startStack, table } from './support/stack.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,16,64').split(',').map(Number);
const WARMUP_SECONDS = 3;

async function main(): Promise<void> {
  const stack = await startStack();
  const baseline = await startBaseline(stack.database.url);
  const rows: (string | number)[][] = [];
  let errors = 0;
  try {
    for (const scenario of SCENARIOS) {
      for (const target of [stack.service.baseUrl, baseline.baseUrl]) {
        await measure(target, stack.token, stack, [scenario], 16, WARMUP_SECONDS);
      }
      for (const connections of CONNECTIONS) {
        const service = await measure(
          stack.service.baseUrl,
          stack.token,
          stack,
          [scenario],
          connections,
          SECONDS,
        );
        const raw = await measure(
          baseline.baseUrl,
          stack.token,
          stack,
          [scenario],
          connections,
          SECONDS,
        );
        errors += service.errors + raw.errors;
        rows.push([
          scenario.name,
          connections,
          service.requestsPerSecond.toFixed(0),
          `${service.p50} / ${service.p99}`,
          raw.requestsPerSecond.toFixed(0),
          `${raw.p50} / ${raw.p99}`,
          `${((100 * service.requestsPerSecond) / raw.requestsPerSecond).toFixed(0)} %`,
          service.errors + raw.errors,
        ]);
        console.error(`measured ${scenario.name} at ${connections}`);
      }
    }
  } finally {
    await baseline.stop();
    await stack.close();
  }
  console.log(
    `\nThroughput, ${SECONDS} s per point, LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'} ` +
      `(service) vs bench/baseline-server (same SQL on node:http + pg)\n`,
  );
  console.log(
    table(
      [
        'route',
        'conn',
        'service req/s',
        'p50 / p99 ms',
        'baseline req/s',
        'p50 / p99 ms',
        'ratio',
        'errors',
      ],
      rows,
    ),
  );
  if (errors > 0) {
    console.error(`\n${errors} requests failed`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
