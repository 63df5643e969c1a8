import { defineConfig } from 'vitest/config'

/**
 * Two projects: `unit` (no servers; `npm run test:unit`) and `integration` (a real PostgreSQL and
 * a CouchDB-compatible server started once per run; `npm run test:integration`). Both build the
 * engine's worker entry first (see test/setup/worker-build.ts).
 */
export default defineConfig({
  test: {
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
