/**
 * Suites that run the compiled service as separate OS processes (kill -9, database restarts, two
 * instances, fuzzing from /docs-json, a real browser): slower than `npm test`, run on their own by
 * `npm run test:reliability` and `npm run test:ui` (both build first).
 */
const common = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true } }] },
  testEnvironment: 'node',
};

export default {
  testTimeout: 180_000,
  projects: [
    {
      ...common,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.spec.ts'],
    },
    { ...common, displayName: 'ui', testMatch: ['<rootDir>/test/ui/**/*.spec.ts'] },
  ],
};
