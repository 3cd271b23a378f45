/**
 * Soak: mixed traffic (item reads, justification pages, idempotent creates) against the compiled
 * service for SOAK_SECONDS (default 600) at SOAK_CONNECTIONS (default 16); the service's RSS and
 * open file descriptors after a warm-up and at the end, and the error count, which must be 0.
 *
 *   npm run bench:soak            (SOAK_SECONDS=60 for a short try)
 */
import { measure, processFigures, SCENARIOS, startStack, table } from './support/stack.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const WARMUP_SECONDS = 10;

async function main(): Promise<void> {
  const stack = await startStack();
  try {
    const warm = await measure(
      stack.service.baseUrl,
      stack.token,
      stack,
      SCENARIOS,
      CONNECTIONS,
      WARMUP_SECONDS,
    );
    const start = await processFigures(stack.service.pid);
    const soak = await measure(
      stack.service.baseUrl,
      stack.token,
      stack,
      SCENARIOS,
      CONNECTIONS,
      SECONDS,
    );
    // Idle connections closed and timers run before the second reading.
    await new Promise((done) => setTimeout(done, 6_000));
    const end = await processFigures(stack.service.pid);
    const errors = warm.errors + soak.errors;
    console.log(
      `\nSoak: ${SECONDS} s of mixed traffic at ${CONNECTIONS} connections, ` +
        `LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}\n`,
    );
    console.log(
      table(
        ['', 'start', 'end'],
        [
          ['RSS MiB', start.rssMiB.toFixed(1), end.rssMiB.toFixed(1)],
          ['open fds', start.fds, end.fds],
        ],
      ),
    );
    console.log(
      `\nrequests ${soak.total} (${soak.requestsPerSecond.toFixed(0)} req/s), ` +
        `p50 ${soak.p50} ms, p99 ${soak.p99} ms, errors ${errors}`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
