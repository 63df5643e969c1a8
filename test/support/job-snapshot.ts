import type { JobSnapshot } from '../../src/shared/jobs'

/** A running job as the engine describes it, for tests of what carries job events. */
export function runningJob(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    jobId: 'j1',
    kind: 'parity.run',
    title: 'Comparing the documents',
    state: 'running',
    startedAt: '2026-11-01T10:00:00.000Z',
    finishedAt: null,
    elapsedMs: 300,
    progress: { phase: 'hashing', unit: 'rows', done: 2, total: 10, message: 'Comparing tables' },
    error: null,
    ...overrides,
  }
}
