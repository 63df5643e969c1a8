import type { ProjectDocument } from '../../../src/shared/project-schema'
import type { AuditEntry, ExecutionRecord } from '../../../src/shared/teardown/teardown-settings'
import { projectDocument } from './project-files'

/** A saved project whose teardown went some way: a backup, a dashboard, an override, a long trail. */
export function reviewedProject(): ProjectDocument {
  const minute = 60_000
  const start = Date.parse('2026-03-01T08:00:00.000Z')
  const at = (i: number) => new Date(start + i * minute).toISOString()
  const audit: AuditEntry[] = Array.from({ length: 2000 }, (_, i) => ({
    at: at(i),
    by: 'Amina Otieno',
    stage: 'revoke-rename',
    statement: `REVOKE CONNECT ON DATABASE "couch2pg" FROM "reader_${i + 1}";`,
    outcome: 'dry-run',
    message: `Entry ${i + 1}: not run (dry run).`,
  }))
  const executions: ExecutionRecord[] = Array.from({ length: 12 }, (_, i) => ({
    stage: 'revoke-rename',
    at: at(i * 100),
    by: 'Amina Otieno',
    outcome: 'dry-run',
    message: 'Dry run: nothing ran.',
    roles: [],
  }))
  return projectDocument({
    name: 'Teardown under review',
    connections: {
      couchdb: null,
      couch2pg: {
        host: 'db.example.org',
        port: 5432,
        database: 'couch2pg',
        user: 'reader',
        ssl: 'require',
      },
      chtSync: null,
    },
    teardown: {
      deployment: 'systemd',
      graceDays: 30,
      quietDays: 14,
      backup: {
        path: '/var/backups/cht-analytics/couch2pg-before-teardown/nightly-copies/couch2pg-20260301T080000Z.dump',
        format: 'custom',
        database: 'couch2pg',
        sizeBytes: 12_345_678,
        sha256: '9f2c'.repeat(16),
        entries: 412,
        serverVersion: '16.4',
        toolVersion: '16.4',
        origin: 'made',
        createdAt: '2026-03-01T08:00:00.000Z',
        verifiedAt: '2026-03-01T08:02:00.000Z',
      },
      dashboards: [
        {
          id: 'd1',
          name: 'ANC dashboard',
          switched: true,
          by: 'Amina Otieno',
          at: '2026-03-01T09:00:00.000Z',
        },
      ],
      snapshots: [],
      audit,
      override: {
        reason: 'The inventory is reviewed by hand.',
        by: 'Amina Otieno',
        at: '2026-03-01T07:00:00.000Z',
        gates: ['decisions'],
      },
      executions,
    },
  })
}
