import { describe, expect, it } from 'vitest'
import type {
  ChtSyncConfig,
  ConfigEntry,
} from '../../../../src/main/engine/checks/config/config-types'
import { problemReport } from '../../../../src/main/engine/checks/report'
import { projectDocumentSchema, type ProjectDocument } from '../../../../src/shared/project-schema'
import type { EvidenceItem } from '../../../../src/shared/results/check-result'
import type { EndpointFacts } from '../../../../src/shared/results/connection-result'
import type { StoredResult } from '../../../../src/shared/results/result-schema'
import { sampleDocument } from '../../../support/project-fixtures'

const PG_PASS = 'S3cret-Pg-Pass!'
const COUCH_PASS = 'couchSecret99'
const TOKEN = 'ghp_ABCDEF1234567890token'
const PG_USER = 'amina_analytics'
const COUCH_USER = 'kenya_reader'
/** Secrets the configuration does not know, only the text gives away. */
const LOOSE = ['hunter2hunter2', 'inline-pw-123', 'secretjwt', 'someone', '/home/amina']
const NEVER = [PG_PASS, COUCH_PASS, TOKEN, PG_USER, COUCH_USER, ...LOOSE]

const RAN_AT = '2025-06-01T12:00:00.000Z'

function checkResult(
  id: string,
  verdict: StoredResult['verdict'],
  summary: string,
  evidence: EvidenceItem[] = [],
  remedy: string | null = null,
): StoredResult {
  return {
    id,
    itemId: 'setup.env-file',
    title: `Title of ${id}`,
    verdict,
    summary,
    ranAt: RAN_AT,
    durationMs: 12,
    endpoints: [],
    partial: null,
    details: {
      kind: 'check',
      checkId: id,
      evidence,
      remedy:
        remedy === null
          ? null
          : { text: remedy, docUrl: 'https://docs.communityhealthtoolkit.org/x/' },
      skippedBecause: null,
    },
    history: [],
  }
}

function connection(
  endpoint: 'couchdb' | 'couch2pg' | 'chtSync',
  facts: EndpointFacts,
): StoredResult {
  return {
    id: `connection.${endpoint}`,
    itemId: 'plan.connections',
    title: `Connection ${endpoint}`,
    verdict: 'pass',
    summary: 'Connected.',
    ranAt: RAN_AT,
    durationMs: 5,
    endpoints: [],
    partial: null,
    details: {
      kind: 'connection',
      endpoint,
      ok: true,
      durationMs: 5,
      serverLabel: null,
      facts,
      error: null,
      legacyFacts: [],
    },
    history: [],
  }
}

const server = (version: string) => ({ version, database: 'cht', user: PG_USER })

function documentWith(results: StoredResult[]): ProjectDocument {
  const doc = sampleDocument()
  doc.connections.couchdb = { url: 'https://cht.example.org', username: COUCH_USER }
  for (const r of [
    connection('couchdb', {
      endpoint: 'couchdb',
      vendor: 'couchdb',
      version: '3.3.3',
      chtVersion: '4.11.0',
      signedInAs: { name: COUCH_USER, admin: false },
      anonymous: false,
      databases: [],
    }),
    connection('couch2pg', {
      endpoint: 'couch2pg',
      server: server('12.19'),
      schema: 'public',
      release: '3.7',
      releaseFrom: 'migrations',
      migrations: [],
      tables: [],
      progress: { table: true, sources: [], bySource: [], truncated: false },
    }),
    connection('chtSync', {
      endpoint: 'chtSync',
      server: server('16.4'),
      schema: 'v1',
      table: 'couchdb',
      era: 'v2',
      rawRows: null,
      rawRowsExact: false,
      rawSplit: null,
      progress: { state: 'absent' },
      dataemon: 'v2',
      pipeline: 'v2',
      dbtLastRun: null,
      schemaClash: false,
    }),
    ...results,
  ]) {
    doc.results[r.id] = r
  }
  return projectDocumentSchema.parse(doc)
}

const entry = (key: string, value: string, line: number): ConfigEntry => ({ key, value, line })

function config(): ChtSyncConfig {
  const entries = [
    entry('POSTGRES_USER', PG_USER, 1),
    entry('POSTGRES_PASSWORD', PG_PASS, 2),
    entry('POSTGRES_HOST', 'db.example.org', 3),
    entry('COUCHDB_USER', COUCH_USER, 4),
    entry('COUCHDB_PASSWORD', COUCH_PASS, 5),
    entry('COUCHDB_HOST', 'cht.example.org', 6),
    entry('CHT_PIPELINE_BRANCH_URL', `https://${TOKEN}@github.com/medic/cht-pipeline#v2.0.0`, 7),
  ]
  const settings = Object.fromEntries(entries.map((e) => [e.key, e]))
  return {
    kind: 'env',
    path: '/home/amina/cht-sync/.env',
    entries,
    duplicates: [{ key: 'POSTGRES_PASSWORD', lines: [2, 9] }],
    problems: [{ line: 9, message: `Line 9 is not KEY=value: "PASSWORD ${PG_PASS}"` }],
    settings,
    couchdbs: [
      {
        host: settings.COUCHDB_HOST!,
        port: null,
        secure: null,
        user: settings.COUCHDB_USER!,
        password: settings.COUCHDB_PASSWORD!,
        dbs: null,
      },
    ],
  }
}

/** Results whose text leaks every kind of secret a careless check or server could put there. */
const LEAKY = [
  checkResult(
    'setup.couchdb-access',
    'fail',
    `CouchDB at https://${COUCH_USER}:${COUCH_PASS}@cht.example.org refused ${COUCH_USER}.`,
    [
      { type: 'setting', source: '.env', key: 'COUCHDB_PASSWORD', value: COUCH_PASS, line: 5 },
      { type: 'setting', source: '.env', key: 'COUCHDB_USER', value: COUCH_USER, line: 4 },
      {
        type: 'fact',
        label: 'Tried',
        value: `curl -u ${COUCH_USER}:${COUCH_PASS} https://cht.example.org/_session`,
      },
      {
        type: 'measure',
        label: 'Backlog',
        value: 12_345,
        unit: 'changes',
        limit: { op: '<=', value: 10_000 },
      },
      {
        type: 'table',
        caption: 'Sources',
        columns: ['source', 'note'],
        rows: [['postgres://someone:inline-pw-123@db.example.org/cht', 'a | b\nc']],
      },
    ],
    'Edit /home/amina/cht-sync/.env and set PGPASSWORD=hunter2hunter2, then restart.',
  ),
  checkResult(
    'setup.dbt-results',
    'error',
    'dbt failed: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.secretjwt',
  ),
  checkResult('setup.docker', 'pass', 'Docker 27 and compose 2.29 are installed.'),
  checkResult(
    'monitor.alerts',
    'warn',
    'Prometheus has no alerting rule on CHT Sync.',
    [],
    'Add:\n```yaml\ngroups:\n  - name: cht-sync\n```',
  ),
]

const report = (ids?: string[]) =>
  problemReport({
    document: documentWith(LEAKY),
    appVersion: '0.9.1',
    config: config(),
    ...(ids ? { ids } : {}),
  })

describe('problemReport', () => {
  it('never lets a password, token, credential in a URL or user name out', () => {
    for (const ids of [undefined, LEAKY.map((r) => r.id)]) {
      const { markdown, title } = report(ids)
      for (const secret of NEVER) {
        expect(markdown, secret).not.toContain(secret)
        expect(title).not.toContain(secret)
      }
    }
  })

  it('has a title, the tracker, the environment, the failed checks and the configuration', () => {
    const { markdown, title } = report()
    expect(title).toBe('CHT Sync migration: “Title of setup.couchdb-access” failed (and 1 more)')
    expect(markdown.startsWith(`# ${title}\n`)).toBe(true)
    for (const part of [
      'Tracker: medic/cht-sync (https://github.com/medic/cht-sync/issues/new).',
      'The dbt checks (`setup.dbt-results`) may belong to medic/cht-pipeline instead.',
      '## Environment',
      '- cht-migrate: 0.9.1',
      '- CouchDB: 3.3.3',
      '- CHT: 4.11.0',
      '- couch2pg: 3.7, PostgreSQL 12.19',
      '- CHT Sync: CHT Sync 2.x (the raw table has a source column), PostgreSQL 16.4',
      '## Checks',
      '### Title of setup.couchdb-access (`setup.couchdb-access`)',
      'Verdict: **fail**, ran 2025-06-01 12:00 UTC',
      'Verdict: **error**',
      '**Evidence**',
      '- Backlog: 12,345 changes (expected at most 10,000)',
      '- COUCHDB_PASSWORD = `••••` (.env, line 5)',
      '- COUCHDB_USER = `(set, not shown)` (.env, line 4)',
      '| source | note |',
      '| postgres://db.example.org/cht | a \\| b c |',
      '**What to do**',
      'See https://docs.communityhealthtoolkit.org/x/',
      '## CHT Sync configuration',
      'From the Docker .env file (`.env`)',
      '| POSTGRES_HOST | db.example.org | 3 |',
      '| POSTGRES_PASSWORD | •••• | 2 |',
      '| POSTGRES_USER | (set, not shown) | 1 |',
      '| CHT_PIPELINE_BRANCH_URL | https://github.com/medic/cht-pipeline#v2.0.0 | 7 |',
      'POSTGRES_PASSWORD is set more than once (lines 2, 9)',
    ]) {
      expect(markdown, part).toContain(part)
    }
    expect(markdown).toContain('https://cht.example.org')
    expect(markdown).not.toContain('setup.docker')
    expect(markdown).not.toContain('monitor.alerts')
  })

  it('reports the chosen checks, whatever their verdict, and names what has no result', () => {
    const { markdown } = report(['monitor.alerts', 'setup.nothing'])
    expect(markdown).toContain('Verdict: **warn**')
    expect(markdown).toContain('```yaml\ngroups:')
    expect(markdown).toContain('No result recorded for: `setup.nothing`.')
    expect(markdown).not.toContain('setup.couchdb-access')
  })

  it('sends dbt checks to cht-pipeline', () => {
    const { markdown } = report(['setup.dbt-results'])
    expect(markdown).toContain(
      'Tracker: medic/cht-pipeline (https://github.com/medic/cht-pipeline/issues/new).',
    )
  })

  it('says there is nothing to report when no check failed', () => {
    const document = documentWith([checkResult('setup.docker', 'pass', 'Fine.')])
    const { markdown, title } = problemReport({ document, appVersion: '0.9.1', config: null })
    expect(title).toBe('CHT Sync migration: no failing checks')
    expect(markdown).toContain('there is nothing to report')
    expect(markdown).toContain('- CouchDB: 3.3.3')
    expect(markdown).not.toContain('## Checks')
  })

  it('stays within an issue body, closing a fenced block it cuts', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`row ${i}`, i, true])
    const many = Array.from({ length: 40 }, (_, i) =>
      checkResult(
        `setup.big-${i}`,
        'fail',
        `Too much. ${'word '.repeat(800)}`,
        [{ type: 'table', caption: 'Big', columns: ['a', 'b', 'c'], rows }],
        `\`\`\`text\n${'line of output\n'.repeat(300)}\`\`\``,
      ),
    )
    const { markdown } = problemReport({
      document: documentWith(many),
      appVersion: '0.9.1',
      config: config(),
    })
    expect(markdown.length).toBeLessThanOrEqual(60_000)
    expect(markdown).toContain('more checks not included')
    expect(markdown).toContain('(section shortened)')
    expect(markdown).toContain('(150 more rows not shown)')
    expect((markdown.match(/^```/gm) ?? []).length % 2).toBe(0)
    expect(markdown).toContain('## CHT Sync configuration')
  })
})
