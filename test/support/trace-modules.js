// Preloaded with `node --import` into a child process under test: appends the URL of every module
// the process resolves, and at exit its CPU time, to the file named by TRACE_MODULES_FILE. Loaded
// twice: on the main thread it registers itself, on Node's loader thread it is the resolve hook.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const file = process.env.TRACE_MODULES_FILE;

if (isMainThread) {
  register(import.meta.url);
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `cpu-ms ${Math.round((user + system) / 1000)}\n`);
  });
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `module ${resolved.url}\n`);
  return resolved;
}
