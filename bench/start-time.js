// Start-up benchmark: time from `npm start` to the first 200 of /health/ready, the way a developer
// starts the service (embedded PostgreSQL, JSON logs to a pipe), RUNS times each (default 3):
//   cold  no dist/ (as after a fresh clone and `npm install`) and a new DATA_DIR (initdb, migrations)
//   warm  dist/ up to date and the DATA_DIR of an earlier start (the everyday restart)
// Prints every run and the median of each. Each start is stopped with SIGINT, as Ctrl-C would.
//   npm run bench:start             # RUNS=3 by default
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 3);
const READY_TIMEOUT_MS = 120_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Seconds from spawning `npm start` until /health/ready answers 200; then stops it. */
async function timeStart(dataDir) {
  const port = await freePort();
  const started = performance.now();
  // Its own process group, so SIGINT reaches npm, the shell and the service as Ctrl-C would.
  const child = spawn('npm', ['start'], {
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_FORMAT: 'json',
    },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error('not ready in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    process.kill(-child.pid, 'SIGINT');
    await exited;
  }
}

async function scratchDir() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-start-'));
  // As root, the embedded PostgreSQL runs as the `postgres` OS user and must reach its directory.
  await chmod(dir, 0o755);
  return dir;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = { cold: [], warm: [] };
const dirs = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    await rm('dist', { recursive: true, force: true });
    const dataDir = await scratchDir();
    dirs.push(dataDir);
    const cold = await timeStart(dataDir);
    results.cold.push(cold);
    const warm = await timeStart(dataDir);
    results.warm.push(warm);
    console.log(`run ${run}: cold ${cold.toFixed(2)} s, warm ${warm.toFixed(2)} s`);
  }
} finally {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
console.log(
  `median of ${RUNS}: cold ${median(results.cold).toFixed(2)} s, warm ${median(results.warm).toFixed(2)} s`,
);
