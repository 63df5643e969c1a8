import { describe, expect, it } from 'vitest'
import { emptyCheckSettings } from '../../../../src/shared/checks/check-settings'
import { failingChecksOfItem, stepGate } from '../../../../src/shared/checks/gate'
import type { ProjectDocument, StoredResult } from '../../../../src/shared/project-schema'
import { findStep } from '../../../../src/shared/steps-catalog'

const NOW = Date.parse('2026-12-01T12:00:00Z')

function result(
  id: string,
  itemId: string,
  verdict: StoredResult['verdict'],
  ranAt = NOW,
): StoredResult {
  return {
    id,
    itemId,
    title: id,
    verdict,
    summary: '',
    ranAt: new Date(ranAt).toISOString(),
    durationMs: 1,
    endpoints: [],
    partial: null,
    details: { kind: 'check', checkId: id, evidence: [], remedy: null, skippedBecause: null },
    history: [],
  }
}

function doc(
  results: StoredResult[],
  allDone = false,
): Pick<ProjectDocument, 'items' | 'results' | 'settings' | 'checks'> {
  const items: ProjectDocument['items'] = {}
  if (allDone) {
    for (const item of findStep('monitor')!.items) {
      items[item.id] = { status: 'done', note: '', evidence: [], updatedBy: 'a', updatedAt: null }
    }
  }
  return {
    items,
    results: Object.fromEntries(results.map((r) => [r.id, r])),
    settings: { staleAfterDays: 7 },
    checks: emptyCheckSettings(),
  }
}

describe('stepGate', () => {
  it('is held by open items, and lists checks never run as notes', () => {
    const gate = stepGate(doc([]), 'monitor', NOW)
    expect(gate.state).toBe('held')
    expect(gate.blockers.every((b) => b.kind === 'item' && b.why === 'to do')).toBe(true)
    expect(gate.notes.map((n) => n.id)).toContain('monitor.prometheus')
    expect(gate.checks.notRun).toBe(gate.checks.total)
  })

  it('opens when every item is done and no check failed; warnings and skips do not hold it', () => {
    const gate = stepGate(
      doc(
        [
          result('monitor.lag', 'monitor.backlog-panels', 'warn'),
          result('monitor.prometheus', 'monitor.metrics-reachable', 'skipped'),
          result('monitor.collector-schema', 'monitor.collector-schema', 'pass'),
        ],
        true,
      ),
      'monitor',
      NOW,
    )
    expect(gate.state).toBe('open')
    expect(gate.checks).toMatchObject({ passed: 1, warned: 1, failed: 0 })
  })

  it('is held by a failed or errored check, overridden with a recorded reason, and notes stale results', () => {
    const old = NOW - 10 * 86_400_000
    const d = doc(
      [
        result('monitor.lag', 'monitor.backlog-panels', 'fail'),
        result('monitor.alerts', 'monitor.alerts', 'error'),
        result('monitor.collector-schema', 'monitor.collector-schema', 'pass', old),
      ],
      true,
    )
    const held = stepGate(d, 'monitor', NOW)
    expect(held.state).toBe('held')
    expect(held.blockers.map((b) => [b.id, b.why])).toEqual([
      ['monitor.alerts', 'could not run'],
      ['monitor.lag', 'failed'],
    ])
    expect(held.notes.find((n) => n.id === 'monitor.collector-schema')?.why).toBe('result is stale')
    const override = {
      reason: 'Watchdog is run by the ministry',
      by: 'Amina',
      at: new Date(NOW).toISOString(),
    }
    d.checks = { ...d.checks, gateOverrides: { monitor: override } }
    const opened = stepGate(d, 'monitor', NOW)
    expect(opened.state).toBe('overridden')
    expect(opened.override).toEqual(override)
  })

  it('finds the failing checks of an item, only from check results', () => {
    const d = doc([result('monitor.lag', 'monitor.backlog-panels', 'fail')])
    expect(failingChecksOfItem(d.results, 'monitor.backlog-panels').map((c) => c.id)).toEqual([
      'monitor.lag',
    ])
    expect(failingChecksOfItem(d.results, 'monitor.alerts')).toEqual([])
  })
})
