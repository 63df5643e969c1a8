import { describe, expect, it } from 'vitest'
import { checksOfStep } from '../../../src/shared/checks/check-catalog'
import { emptyCheckSettings } from '../../../src/shared/checks/check-settings'
import { CONNECTION_CHECK_IDS } from '../../../src/shared/connection-targets'
import {
  projectNextAction,
  stepNextAction,
  type NextActionDocument,
} from '../../../src/shared/next-action'
import type { StoredResult } from '../../../src/shared/project-schema'
import { findStep, STEPS } from '../../../src/shared/steps-catalog'
import type { StepId } from '../../../src/shared/steps'

const NOW = Date.parse('2026-12-01T12:00:00Z')
const DAY = 86_400_000

function result(
  id: string,
  itemId: string,
  verdict: StoredResult['verdict'],
  kind: 'check' | 'comparison' | 'inventory' = 'check',
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
    // The next action reads only the kind of other results.
    ...(kind === 'check' ? {} : { details: { kind } as StoredResult['details'] }),
  }
}

/** A project whose connections work, whose inventory and comparisons ran, with every check passed. */
function healthy(): NextActionDocument {
  const results: StoredResult[] = [
    ...Object.values(CONNECTION_CHECK_IDS).map((id) => result(id, 'plan.connections', 'pass')),
    result('inventory.couch2pg', 'plan.inventory', 'pass', 'inventory'),
    result('parity.counts', 'parity.counts', 'pass', 'comparison'),
  ]
  for (const step of ['setup', 'production', 'monitor', 'optimize'] as const) {
    for (const check of checksOfStep(step)) results.push(result(check.id, check.itemId, 'pass'))
  }
  return {
    items: {},
    results: Object.fromEntries(results.map((r) => [r.id, r])),
    settings: { staleAfterDays: 7 },
    checks: emptyCheckSettings(),
    signoff: {},
  }
}

function settle(doc: NextActionDocument, stepId: StepId): void {
  for (const item of findStep(stepId)!.items) {
    doc.items[item.id] = { status: 'done', note: '', evidence: [], updatedBy: 'a', updatedAt: null }
  }
}

function approve(doc: NextActionDocument, stepId: StepId): void {
  doc.signoff[stepId] = [
    {
      id: `s-${stepId}`,
      name: 'Amina',
      role: 'Data engineer',
      at: '2026-11-30',
      note: '',
      recordedBy: 'Amina',
      recordedAt: new Date(NOW).toISOString(),
    },
  ]
}

describe('stepNextAction', () => {
  it('asks for the connections first on the Plan step', () => {
    const doc = healthy()
    delete doc.results[CONNECTION_CHECK_IDS.chtSync]
    const action = stepNextAction(doc, 'plan', NOW)
    expect(action).toMatchObject({ kind: 'connect', stepId: 'plan', itemId: 'plan.connections' })
    expect(action.why).toMatch(/^2 of 3 connections/)
    // A warning still connects (a schema shared with couch2pg, say).
    doc.results[CONNECTION_CHECK_IDS.chtSync] = result('c', 'plan.connections', 'warn')
    expect(stepNextAction(doc, 'plan', NOW).kind).not.toBe('connect')
  })

  it('runs the step’s tool when it never ran', () => {
    const doc = healthy()
    for (const id of Object.keys(doc.results)) {
      if (doc.results[id]!.details.kind !== 'check') delete doc.results[id]
    }
    Object.values(CONNECTION_CHECK_IDS).forEach((id) => {
      doc.results[id] = result(id, 'plan.connections', 'pass')
    })
    expect(stepNextAction(doc, 'plan', NOW).kind).toBe('run-inventory')
    expect(stepNextAction(doc, 'parity', NOW).kind).toBe('run-parity')
    const setupCheck = checksOfStep('setup')[0]!
    delete doc.results[setupCheck.id]
    expect(stepNextAction(doc, 'setup', NOW)).toMatchObject({
      kind: 'run-checks',
      why: '1 check not run yet; the gate needs their evidence.',
    })
  })

  it('puts a failed check before the open items, and names its item', () => {
    const doc = healthy()
    const check = checksOfStep('production')[1]!
    doc.results[check.id] = result(check.id, check.itemId, 'fail')
    const action = stepNextAction(doc, 'production', NOW)
    expect(action).toMatchObject({ kind: 'fix-check', itemId: check.itemId })
    expect(action.label).toBe(`Fix: ${check.title}`)
  })

  it('asks to fix a failure before re-running stale checks, but runs checks never run first', () => {
    const doc = healthy()
    const [first, second] = checksOfStep('monitor')
    doc.results[first!.id] = result(first!.id, first!.itemId, 'error', 'check', NOW - 30 * DAY)
    expect(stepNextAction(doc, 'monitor', NOW).kind).toBe('fix-check')
    delete doc.results[second!.id]
    expect(stepNextAction(doc, 'monitor', NOW).kind).toBe('run-checks')
  })

  it('goes through the open items in order, then asks for the approval, then moves on', () => {
    const doc = healthy()
    const items = findStep('teardown')!.items
    expect(stepNextAction(doc, 'teardown', NOW)).toMatchObject({
      kind: 'do-item',
      itemId: items[0]!.id,
      label: items[0]!.title,
    })
    settle(doc, 'teardown')
    expect(stepNextAction(doc, 'teardown', NOW).kind).toBe('sign-off')
    approve(doc, 'teardown')
    expect(stepNextAction(doc, 'teardown', NOW).kind).toBe('finished')
    settle(doc, 'optimize')
    approve(doc, 'optimize')
    expect(stepNextAction(doc, 'optimize', NOW)).toMatchObject({
      kind: 'next-step',
      stepId: 'monitor',
      label: 'Continue to step 6: Monitor with CHT Watchdog',
    })
  })
})

describe('projectNextAction', () => {
  it('is the first step in the guide’s order with something left', () => {
    const doc = healthy()
    expect(projectNextAction(doc, NOW)).toMatchObject({ kind: 'do-item', stepId: 'plan' })
    settle(doc, 'plan')
    approve(doc, 'plan')
    settle(doc, 'parity')
    expect(projectNextAction(doc, NOW)).toMatchObject({ kind: 'do-item', stepId: 'setup' })
  })

  it('is finished once every step is settled and approved', () => {
    const doc = healthy()
    for (const step of STEPS) {
      settle(doc, step.id)
      approve(doc, step.id)
    }
    expect(projectNextAction(doc, NOW)).toMatchObject({ kind: 'finished', stepId: null })
  })
})
