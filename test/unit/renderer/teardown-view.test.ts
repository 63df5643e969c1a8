import { describe, expect, it } from 'vitest'
import type { TeardownGate } from '../../../src/shared/teardown/gates'
import { decommissionPlan } from '../../../src/shared/teardown/decommission-plan'
import type {
  ExecutionRecord,
  TeardownOverride,
  UsageSnapshot,
} from '../../../src/shared/teardown/teardown-settings'
import {
  confirmMatches,
  coveredTitles,
  newestFirst,
  noReadsNeedText,
  overrideCoverText,
  parseDays,
  pathParts,
  renameStanding,
  runBlockedReason,
  sizeText,
  snapshotRows,
  suggestedBackupDir,
  uncoveredGates,
  whereText,
} from '../../../src/renderer/src/lib/teardown-view'

const gate = (id: TeardownGate['id'], state: TeardownGate['state']): TeardownGate => ({
  id,
  title: `Gate ${id}`,
  state,
  evidence: [],
  remedy: state === 'met' ? null : 'Do it.',
})

const override = (gates: TeardownOverride['gates']): TeardownOverride => ({
  reason: 'The board agreed',
  by: 'Amina',
  at: '2026-03-01T10:00:00.000Z',
  gates,
})

const snapshot = (takenAt: string, statements = true): UsageSnapshot => ({
  takenAt,
  statsReset: null,
  relations: {
    'public.a': { seqScans: 1, idxScans: 0, statementCalls: statements ? 2 : null },
    'public.b': { seqScans: 0, idxScans: 0, statementCalls: statements ? 0 : null },
  },
})

const run = (
  stage: ExecutionRecord['stage'],
  outcome: ExecutionRecord['outcome'],
  at: string,
): ExecutionRecord => ({ stage, outcome, at, by: 'Amina', message: '', roles: [] })

describe('uncoveredGates and the override', () => {
  const gates = [gate('decisions', 'met'), gate('backup', 'unmet'), gate('no-reads', 'unknown')]

  it('lists every gate not met when there is no override', () => {
    expect(uncoveredGates(gates, null).map((g) => g.id)).toEqual(['backup', 'no-reads'])
  })

  it('leaves out the gates the override covers, and keeps one that became unmet since', () => {
    expect(uncoveredGates(gates, override(['no-reads'])).map((g) => g.id)).toEqual(['backup'])
    expect(uncoveredGates(gates, override(['backup', 'no-reads']))).toEqual([])
  })

  it('names the covered gates in the page order, or says it covers none', () => {
    const o = override(['no-reads', 'decisions'])
    expect(coveredTitles(gates, o)).toEqual(['Gate decisions', 'Gate no-reads'])
    expect(overrideCoverText(gates, override([]))).toMatch(/covers no gate/)
  })
})

describe('runBlockedReason', () => {
  const met = [gate('decisions', 'met'), gate('backup', 'met')]

  it('asks for the connection first', () => {
    expect(
      runBlockedReason({ database: null, gates: met, override: null, typedName: 'x' }),
    ).toMatch(/couch2pg connection/)
  })

  it('names the gates not met and not covered, before the typed name', () => {
    const gates = [gate('decisions', 'met'), gate('backup', 'unmet')]
    const reason = runBlockedReason({ database: 'db', gates, override: null, typedName: 'db' })
    expect(reason).toMatch(/Gate backup/)
    expect(reason).toMatch(/record an override/)
    const partial = runBlockedReason({
      database: 'db',
      gates,
      override: override([]),
      typedName: 'db',
    })
    expect(partial).toMatch(/does not cover/)
  })

  it('asks for the exact name, case and spaces included', () => {
    const base = { database: 'couch2pg', gates: met, override: null }
    expect(runBlockedReason({ ...base, typedName: 'Couch2pg' })).toMatch(/couch2pg, exactly/)
    expect(runBlockedReason({ ...base, typedName: 'couch2pg ' })).not.toBeNull()
    expect(runBlockedReason({ ...base, typedName: 'couch2pg' })).toBeNull()
  })

  it('lets an override that covers every gate not met through', () => {
    const gates = [gate('decisions', 'unknown'), gate('backup', 'unmet')]
    expect(
      runBlockedReason({
        database: 'db',
        gates,
        override: override(['decisions', 'backup']),
        typedName: 'db',
      }),
    ).toBeNull()
  })

  it('confirmMatches needs a database', () => {
    expect(confirmMatches('', null)).toBe(false)
    expect(confirmMatches('db', 'db')).toBe(true)
  })
})

describe('parseDays', () => {
  it('takes whole numbers from 1 to 365 only', () => {
    expect(parseDays(' 30 ')).toBe(30)
    expect(parseDays('1')).toBe(1)
    expect(parseDays('365')).toBe(365)
    for (const bad of ['0', '366', '', '1.5', '-3', '1e2', 'abc', '0030']) {
      expect(parseDays(bad), bad).toBeNull()
    }
  })
})

describe('pathParts', () => {
  it('cuts after each separator and joins back to the path', () => {
    expect(pathParts('/srv/backups/couch2pg.dump')).toEqual([
      '/',
      'srv/',
      'backups/',
      'couch2pg.dump',
    ])
    const windows = 'C:\\Backups\\db.dump'
    expect(pathParts(windows)).toEqual(['C:\\', 'Backups\\', 'db.dump'])
    expect(pathParts(windows).join('')).toBe(windows)
    expect(pathParts('file.dump')).toEqual(['file.dump'])
    expect(pathParts('dir/')).toEqual(['dir/'])
  })
})

describe('sizeText', () => {
  it('says bytes, then powers of 1000', () => {
    expect(sizeText(1)).toBe('1 byte')
    expect(sizeText(999)).toBe('999 bytes')
    expect(sizeText(12_345_678)).toBe('12.3 MB')
    expect(sizeText(2_000_000_000_000_000)).toBe('2000.0 TB')
  })
})

describe('snapshots', () => {
  it('lists them newest first with their relations and whether statements were counted', () => {
    const rows = snapshotRows([
      snapshot('2026-03-01T00:00:00.000Z', false),
      snapshot('2026-03-20T00:00:00.000Z'),
    ])
    expect(rows.map((r) => [r.takenAt.slice(0, 10), r.relations, r.statements])).toEqual([
      ['2026-03-20', 2, true],
      ['2026-03-01', 2, false],
    ])
  })

  it('says what the no-reads gate still needs', () => {
    expect(noReadsNeedText([], 14)).toMatch(/take one now and another 14 days later/)
    expect(noReadsNeedText([snapshot('2026-03-01T12:00:00.000Z')], 14)).toMatch(
      /on or after 2026-03-15/,
    )
    const pair = [snapshot('2026-03-01T00:00:00.000Z'), snapshot('2026-03-20T00:00:00.000Z')]
    expect(noReadsNeedText(pair, 14)).toMatch(
      /compares the snapshot of 2026-03-01 with the latest, of 2026-03-20 \(19 days apart/,
    )
  })
})

describe('the plan and the runs', () => {
  it('says where each stage runs', () => {
    const stages = decommissionPlan({ database: 'db', deployment: null, graceDays: 30 })
    expect(stages.map(whereText)).toEqual([
      'On the host where couch2pg runs',
      'On the couch2pg server, connected to the postgres maintenance database',
      'Nothing runs',
      'On the couch2pg server, connected to the postgres maintenance database',
    ])
  })

  it('finds the rename still in force and when the drop is allowed', () => {
    expect(renameStanding([], 30)).toBeNull()
    const renamed = [
      run('revoke-rename', 'dry-run', '2026-03-01T00:00:00.000Z'),
      run('revoke-rename', 'done', '2026-03-02T00:00:00.000Z'),
      run('drop', 'refused', '2026-03-03T00:00:00.000Z'),
    ]
    expect(renameStanding(renamed, 30)).toEqual({
      renamedAt: '2026-03-02T00:00:00.000Z',
      dropFrom: '2026-04-01T00:00:00.000Z',
    })
    const undone = [...renamed, run('restore-rename', 'done', '2026-03-04T00:00:00.000Z')]
    expect(renameStanding(undone, 30)).toBeNull()
    const stopped = [...renamed, run('restore-rename', 'stopped', '2026-03-04T00:00:00.000Z')]
    expect(renameStanding(stopped, 30)?.renamedAt).toBe('2026-03-02T00:00:00.000Z')
  })

  it('lists newest first without changing the list kept', () => {
    const kept = [1, 2, 3]
    expect(newestFirst(kept)).toEqual([3, 2, 1])
    expect(kept).toEqual([1, 2, 3])
  })
})

describe('suggestedBackupDir', () => {
  const project = (path: string | null, demoDir: string | null = null) => ({
    path,
    document: { name: 'Kenya', demo: demoDir ? { dir: demoDir } : null },
  })

  it('suggests the folder of the project file, else the default folder', () => {
    const p = project('/home/amina/kenya.chtmigrate') as never
    expect(suggestedBackupDir(p, '/home/amina/projects')).toBe('/home/amina')
    expect(suggestedBackupDir(project(null) as never, '/home/amina/projects')).toBe(
      '/home/amina/projects',
    )
    const demo = project('/tmp/demo/project.json', '/tmp/demo') as never
    expect(suggestedBackupDir(demo, '/home/amina/projects')).toBe('/home/amina/projects')
    expect(suggestedBackupDir(null, '/d')).toBe('/d')
  })
})
