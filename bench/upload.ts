/**
 * Upload/download benchmark: boots the service (built, embedded PostgreSQL) as a child process,
 * sends a 50 MB PDF-shaped file through attach_document and fetches it back over real HTTP on
 * 127.0.0.1, and reports throughput both ways and the server's peak RSS growth during each
 * transfer (sampled every 10 ms from /proc, or `ps` where there is no /proc). Exits 1 when a
 * transfer grows the server's RSS by 64 MiB or more.
 *
 *   npm run bench:upload            # BENCH_MB=50 by default
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_MB ?? 50);
const HOST = '127.0.0.1';

interface Json {
  [key: string]: unknown;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-upload-'));
  // As root, the embedded PostgreSQL runs as the `postgres` OS user and must reach its directory.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const adminToken = randomBytes(32).toString('base64url');
  const base = `http://${HOST}:${port}`;
  const server = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST,
      DATA_DIR: join(dataDir, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
      ADMIN_TOKEN: adminToken,
      MAX_UPLOAD_MB: String(SIZE_MB + 1),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // Whatever happens to the benchmark, the server (and its embedded PostgreSQL) goes with it.
  process.once('exit', () => server.kill('SIGTERM'));
  try {
    await waitReady(base, server);
    const admin = `Token ${adminToken}`;
    const user = await api(base, admin, 'POST', '/api/users/', { username: 'bench' });
    const { token } = await api(base, admin, 'POST', `/api/users/${String(user.uuid)}/token/`);
    const auth = `Token ${String(token)}`;
    const verification = await api(
      base,
      auth,
      'POST',
      '/api/onboarding-verifications/start_verification/',
      { country: 'EE', legal_person_identifier: '12345678', legal_name: 'Bench OÜ' },
    );
    const justification = await api(
      base,
      auth,
      'POST',
      '/api/onboarding-justifications/create_justification/',
      { verification_uuid: verification.uuid, user_justification: 'Benchmark' },
    );
    const attachPath = `/api/onboarding-justifications/${String(justification.uuid)}/attach_document/`;

    // Warm up the code paths so the measurement sees transfer cost, not first-use allocation.
    const warmFile = join(dataDir, 'warm.pdf');
    await writePdf(warmFile, 1);
    const warm = await upload(base, auth, attachPath, warmFile);
    await download(auth, String(warm.file));

    const file = join(dataDir, 'bench.pdf');
    const sha256 = await writePdf(file, SIZE_MB);
    const bytes = (await stat(file)).size;

    const rss = new RssSampler(server.pid!);
    const up = await rss.during(() => upload(base, auth, attachPath, file));
    if (up.result.file_size !== bytes)
      throw new Error(`stored ${String(up.result.file_size)} bytes`);
    const down = await rss.during(() => download(auth, String(up.result.file)));
    if (down.result.sha256 !== sha256 || down.result.bytes !== bytes) {
      throw new Error('downloaded bytes differ from the upload');
    }

    const mbps = (ms: number) => (bytes / MB / (ms / 1000)).toFixed(1);
    const mib = (n: number) => (n / MB).toFixed(1);
    console.log(`file: ${mib(bytes)} MiB (%PDF- header, random body), server pid ${server.pid}`);
    console.log(`server RSS before: ${mib(up.baseline)} MiB`);
    console.log(
      `upload:   ${mbps(up.ms)} MB/s (${up.ms.toFixed(0)} ms), peak RSS growth ${mib(up.peak - up.baseline)} MiB`,
    );
    console.log(
      `download: ${mbps(down.ms)} MB/s (${down.ms.toFixed(0)} ms), peak RSS growth ${mib(down.peak - down.baseline)} MiB (over ${mib(down.baseline)} MiB)`,
    );
    const perTransfer = Math.max(up.peak - up.baseline, down.peak - down.baseline);
    console.log(`peak RSS growth per transfer: ${mib(perTransfer)} MiB (target < 64 MiB)`);
    // Garbage of the upload that the collector has not reclaimed yet is still resident when the
    // download starts; this line shows both transfers against the first baseline.
    console.log(
      `peak RSS growth across both, from the first baseline: ${mib(Math.max(up.peak, down.peak) - up.baseline)} MiB`,
    );
    process.exitCode = perTransfer < 64 * MB ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    if (server.exitCode === null) await once(server, 'exit');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Samples a process's resident set size every 10 ms while `work` runs. */
class RssSampler {
  constructor(private readonly pid: number) {}

  read(): number {
    const status = `/proc/${this.pid}/status`;
    if (existsSync(status)) {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1];
      return Number(kb) * 1024;
    }
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(this.pid)]).toString()) * 1024;
  }

  async during<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; ms: number; baseline: number; peak: number }> {
    const baseline = this.read();
    let peak = baseline;
    const timer = setInterval(() => {
      peak = Math.max(peak, this.read());
    }, 10);
    const started = performance.now();
    try {
      const result = await work();
      const ms = performance.now() - started;
      peak = Math.max(peak, this.read());
      return { result, ms, baseline, peak };
    } finally {
      clearInterval(timer);
    }
  }
}

/** Writes `%PDF-1.7` plus random bytes, `mb` MiB in all; returns the hex SHA-256. */
async function writePdf(path: string, mb: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const header = Buffer.from('%PDF-1.7\n');
  for (let i = 0; i < mb; i++) {
    const chunk =
      i === 0 ? Buffer.concat([header, randomBytes(MB - header.length)]) : randomBytes(MB);
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

/** A streamed multipart upload of `path` in the field `file`. */
async function upload(base: string, auth: string, path: string, file: string): Promise<Json> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = (await stat(file)).size;
  const request = http.request(`${base}${path}`, {
    method: 'POST',
    headers: {
      Authorization: auth,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': head.length + size + tail.length,
    },
  });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  request.write(head);
  const source = createReadStream(file);
  source.pipe(request, { end: false });
  source.once('end', () => request.end(tail));
  const res = await response;
  const body = await readAll(res);
  if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${body.toString()}`);
  return JSON.parse(body.toString()) as Json;
}

/** Streams a download, hashing it; never holds it in memory. */
async function download(auth: string, url: string): Promise<{ bytes: number; sha256: string }> {
  const [res] = (await once(http.get(url, { headers: { Authorization: auth } }), 'response')) as [
    http.IncomingMessage,
  ];
  if (res.statusCode !== 200) throw new Error(`download: ${res.statusCode}`);
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function api(
  base: string,
  auth: string,
  method: string,
  path: string,
  body?: object,
): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    const ready = await fetch(`${base}/health/ready`).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
