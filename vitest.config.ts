import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Two projects: `unit` (no servers; `npm run test:unit`) and `integration` (a real PostgreSQL and
 * a CouchDB-compatible server started once per run; `npm run test:integration`). Both build the
 * engine's worker entry first (see test/setup/worker-build.ts).
 */
export default defineConfig({
  test: {
    // Vitest's default leaves one core free, which on a 2-core CI machine runs every file in
    // one worker; the tests wait on servers much of the time, so two workers there cut the
    // integration run from about 450 s to 300 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/worker-build.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
})
