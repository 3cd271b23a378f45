/**
 * Where the service's CPU goes under load: the compiled service runs with `node --cpu-prof`
 * while autocannon drives one route (PROFILE_ROUTE: item, list or write; default item) at 64
 * connections for PROFILE_SECONDS (default 15); after a graceful stop the profile is summed by
 * function and by package and the top entries are printed. The .cpuprofile stays in the printed
 * folder for Chrome DevTools.
 *
 *   npm run bench:profile         (PROFILE_ROUTE, PROFILE_SECONDS, LOG_LEVEL)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDir } from '../test/support/service-process.js';
import { measure, SCENARIOS, startStack, table } from './support/stack.js';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 15);
const ROUTES: Record<string, number> = { item: 0, list: 1, write: 2 };
const ROUTE = process.env.PROFILE_ROUTE ?? 'item';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
}

async function main(): Promise<void> {
  const scenario = SCENARIOS[ROUTES[ROUTE]];
  if (!scenario) throw new Error(`PROFILE_ROUTE must be one of ${Object.keys(ROUTES).join(', ')}`);
  const dir = await scratchDir('cpu-profile-');
  const stack = await startStack({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let result;
  try {
    await measure(stack.service.baseUrl, stack.token, stack, [scenario], 16, 3);
    result = await measure(stack.service.baseUrl, stack.token, stack, [scenario], 64, SECONDS);
  } finally {
    await stack.close();
  }
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written to ${dir}`);
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile;

  const selfSamples = new Map<number, number>();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const samples = selfSamples.get(node.id) ?? 0;
    if (samples === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|dist)\//, '$1/');
    const name = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + samples);
    byPackage.set(
      packageOf(url, functionName),
      (byPackage.get(packageOf(url, functionName)) ?? 0) + samples,
    );
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, samples]) => [name.slice(0, 110), `${((100 * samples) / total).toFixed(1)} %`]);

  console.log(
    `\nCPU profile of ${scenario.name} at 64 connections, ${SECONDS} s, ` +
      `LOG_LEVEL=${process.env.LOG_LEVEL ?? 'info'}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `${total} samples (${dir}/${file})\n`,
  );
  console.log(table(['self time by package', 'share'], top(byPackage, 15)));
  console.log();
  console.log(table(['self time by function', 'share'], top(byFunction, 25)));
}

/** node_modules/<package> (scoped too), our own dist/ code, node: internals, or V8's own entries. */
function packageOf(url: string, functionName: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.includes('/dist/')) return 'service (dist/)';
  if (url.startsWith('node:') || (!url.startsWith('file:') && url !== '')) return 'node internals';
  return functionName ? `(${functionName})` : '(native)';
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
