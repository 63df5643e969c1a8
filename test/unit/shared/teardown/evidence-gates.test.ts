import { describe, expect, it } from 'vitest'
import type { ProjectDocument } from '../../../../src/shared/project-schema'
import {
  gatesVerdict,
  teardownGates,
  type TeardownGate,
  type TeardownGateId,
} from '../../../../src/shared/teardown/gates'
import {
  emptyTeardownSettings,
  type BackupRecord,
  type UsageSnapshot,
} from '../../../../src/shared/teardown/teardown-settings'
import { sampleDocument } from '../../../support/project-fixtures'

const NOW = new Date('2026-12-01T12:00:00Z')
const withTeardown = (teardown: Partial<ProjectDocument['teardown']>, doc = sampleDocument()) =>
  ({ ...doc, teardown: { ...emptyTeardownSettings(), ...teardown } }) satisfies ProjectDocument
const gateOf = (doc: ProjectDocument, id: TeardownGateId): TeardownGate =>
  teardownGates(doc, NOW).find((g) => g.id === id)!

const counters = (seq: number, idx = 0, calls: number | null = null) => ({
  seqScans: seq,
  idxScans: idx,
  statementCalls: calls,
})
const snapshot = (
  day: string,
  relations: UsageSnapshot['relations'],
  statsReset: string | null = '2026-01-01T00:00:00.000Z',
): UsageSnapshot => ({ takenAt: `${day}T09:00:00.000Z`, statsReset, relations })

describe('the no-reads gate', () => {
  const before = snapshot('2026-11-10', {
    'view:public.a': counters(5, 1, 10),
    'table:public.b': counters(3),
  })

  it('is met when nothing grew over the quiet days', () => {
    const after = snapshot('2026-11-24', {
      'view:public.a': counters(5, 1, 10),
      'table:public.b': counters(3),
    })
    const g = gateOf(withTeardown({ snapshots: [after, before] }), 'no-reads')
    expect(g.state).toBe('met')
    expect(g.evidence).toEqual(['None of 2 relations was read between 2026-11-10 and 2026-11-24.'])
  })

  it('is unmet when reads grew, listing the top ones (a new relation counts from 0)', () => {
    const after = snapshot('2026-11-30', {
      'view:public.a': counters(5, 4, 20),
      'table:public.b': counters(3),
      'table:public.c': counters(2),
    })
    const middle = snapshot('2026-11-20', { 'view:public.a': counters(0) })
    const g = gateOf(withTeardown({ snapshots: [before, middle, after] }), 'no-reads')
    expect(g.state).toBe('unmet')
    // The newest snapshot 14 days before the latest is the one of 11-10, not 11-20.
    expect(g.evidence).toEqual([
      '2 relations of 3 were read between 2026-11-10 and 2026-11-30.',
      'view:public.a: 13 reads more.',
      'table:public.c: 2 reads more.',
    ])
  })

  it('is unknown without two snapshots far enough apart', () => {
    expect(gateOf(withTeardown({}), 'no-reads').evidence).toEqual([
      'No usage snapshot of the couch2pg database was taken yet.',
    ])
    const near = snapshot('2026-11-20', {})
    const g = gateOf(withTeardown({ snapshots: [before, near], quietDays: 30 }), 'no-reads')
    expect(g.state).toBe('unknown')
    expect(g.evidence).toEqual(['2 usage snapshots, none 30 days older than the latest.'])
  })

  it('is unknown when the statistics were reset in between', () => {
    const after = snapshot('2026-11-30', {}, '2026-11-15T00:00:00.000Z')
    const g = gateOf(withTeardown({ snapshots: [before, after] }), 'no-reads')
    expect(g.state).toBe('unknown')
    expect(g.evidence[0]).toContain('reset between 2026-11-10 and 2026-11-30')
  })
})

describe('the dashboards gate', () => {
  const dashboard = (id: string, switched: boolean) => ({
    id,
    name: `Dashboard ${id}`,
    switched,
    by: switched ? 'amina' : null,
    at: switched ? '2026-11-30T10:00:00.000Z' : null,
  })

  it('is met when every dashboard is attested switched, unmet otherwise', () => {
    const all = gateOf(
      withTeardown({ dashboards: [dashboard('1', true), dashboard('2', true)] }),
      'dashboards',
    )
    expect(all.state).toBe('met')
    expect(all.evidence).toEqual(['2 of 2 dashboards attested switched.'])
    const some = gateOf(
      withTeardown({ dashboards: [dashboard('1', true), dashboard('2', false)] }),
      'dashboards',
    )
    expect(some.state).toBe('unmet')
    expect(some.evidence[1]).toBe('Not switched: Dashboard 2.')
    expect(some.remedy).toContain('Switch Dashboard 2')
  })

  it('is unknown when no dashboard is listed, asking for the plan’s', () => {
    const g = gateOf(withTeardown({}), 'dashboards')
    expect(g.state).toBe('unknown')
    expect(g.remedy).toContain('List the dashboards of the plan')
  })
})

describe('the backup gate', () => {
  const backup: BackupRecord = {
    path: '/backups/couch2pg.dump',
    format: 'custom',
    database: 'couch2pg',
    sizeBytes: 12_345_678,
    sha256: 'ab'.repeat(32),
    entries: 420,
    serverVersion: '16.4',
    toolVersion: '16.4',
    origin: 'made',
    createdAt: '2026-11-30T08:00:00.000Z',
    verifiedAt: '2026-11-30T08:05:00.000Z',
  }

  it('is met with a verified backup, with its figures as evidence', () => {
    const g = gateOf(withTeardown({ backup }), 'backup')
    expect(g.state).toBe('met')
    expect(g.evidence).toEqual([
      '/backups/couch2pg.dump: 12.3 MB, sha256 abababababab…, 420 entries.',
      'Made 2026-11-30, verified 2026-11-30, of database couch2pg.',
    ])
  })

  it('is unmet without one, or with one of another database', () => {
    expect(gateOf(withTeardown({}), 'backup').state).toBe('unmet')
    const doc = sampleDocument()
    doc.connections.couch2pg = {
      host: 'db',
      port: 5432,
      database: 'analytics',
      user: 'u',
      ssl: 'disable',
    }
    const g = gateOf(withTeardown({ backup }, doc), 'backup')
    expect(g.state).toBe('unmet')
    expect(g.evidence[2]).toContain('analytics, not couch2pg')
  })
})

describe('gatesVerdict', () => {
  const g = (state: TeardownGate['state']): TeardownGate => ({
    id: 'backup',
    title: '',
    state,
    evidence: [],
    remedy: null,
  })

  it('is ready when all are met, blocked when any is unmet, incomplete otherwise', () => {
    expect(gatesVerdict([g('met'), g('met')])).toBe('ready')
    expect(gatesVerdict([g('met'), g('unknown'), g('unmet')])).toBe('blocked')
    expect(gatesVerdict([g('met'), g('unknown')])).toBe('incomplete')
  })
})
