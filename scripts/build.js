// Compiles src/ and migrations/ into dist/ with `nest build` (TypeScript plus the Swagger plugin).
// With --if-changed it first compares a hash of every build input with the one recorded by the
// last successful build and skips the build when they match, so `npm start`, `npm test` and the
// migration scripts do not recompile an unchanged tree. Contents are hashed, not modification
// times: a fresh checkout, a `git stash` round trip or a touched file do not trigger a build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const INPUTS = [
  'src',
  'migrations',
  'tsconfig.json',
  'tsconfig.build.json',
  'nest-cli.json',
  'package-lock.json',
];
const STAMP = join('dist', '.inputs-sha256');
// Excluded by tsconfig.build.json: they do not change the output.
const IGNORED = /\.spec\.ts$/;

async function inputFiles(path) {
  const entries = await readdir(path, { withFileTypes: true }).catch((error) => {
    if (error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (!entries) return [path];
  const nested = await Promise.all(
    entries
      .filter((entry) => !IGNORED.test(entry.name))
      .map((entry) => inputFiles(join(path, entry.name))),
  );
  return nested.flat();
}

async function inputsHash() {
  const files = (await Promise.all(INPUTS.map(inputFiles))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash
      .update(`${file}\0`)
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

const hash = await inputsHash();
if (process.argv.includes('--if-changed')) {
  const built = await readFile(STAMP, 'utf8').catch(() => undefined);
  if (built === hash) {
    console.log('dist/ is up to date with the sources; not rebuilt.');
    process.exit(0);
  }
}
const nest = spawnSync(join('node_modules', '.bin', 'nest'), ['build'], { stdio: 'inherit' });
if (nest.status !== 0) process.exit(nest.status ?? 1);
await writeFile(STAMP, hash);
