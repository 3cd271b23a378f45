// npm start: brings dist/ up to date with the sources (as `scripts/build.js --if-changed`), then
// runs the service in this same process: one Node start instead of two.
import { buildDist } from './build.js';

await buildDist({ ifChanged: true });
await import('../dist/src/main.js');
