import { describe, expect, it } from 'vitest'
import { checksOfStep } from '../../../../src/shared/checks/check-catalog'
import type { Decision } from '../../../../src/shared/inventory/decisions'
import { comparisonResultId } from '../../../../src/shared/parity-definitions'
import type { ProjectDocument, StoredResult } from '../../../../src/shared/project-schema'
import {
  gatesVerdict,
  teardownGates,
  type TeardownGate,
  type TeardownGateId,
} from '../../../../src/shared/teardown/gates'
import { makeObject } from '../../../support/inventory-objects'
import { sampleDocument } from '../../../support/project-fixtures'
import {
  checkResult,
  comparisonResult,
  inventoryResult,
  modelComparison,
  run,
} from '../../../support/teardown-fixtures'

const NOW = new Date('2026-12-01T12:00:00Z')
const gateOf = (doc: ProjectDocument, id: TeardownGateId): TeardownGate =>
  teardownGates(doc, NOW).find((g) => g.id === id)!
const byId = (...results: StoredResult[]) => Object.fromEntries(results.map((r) => [r.id, r]))
const decision = (action: Decision['action'], models: string[] = []): Decision => ({
  action,
  models,
  owner: '',
  due: null,
  note: '',
  decidedBy: 'amina',
  decidedAt: '2026-11-02T08:00:00.000Z',
})

describe('teardownGates', () => {
  it('lists the six gates in order, all unknown or unmet on a fresh project', () => {
    const gates = teardownGates(sampleDocument(), NOW)
    expect(gates.map((g) => [g.id, g.state])).toEqual([
      ['decisions', 'unknown'],
      ['parity-days', 'unknown'],
      ['monitoring', 'unknown'],
      ['no-reads', 'unknown'],
      ['dashboards', 'unknown'],
      ['backup', 'unmet'],
    ])
    for (const g of gates) expect(g.remedy).not.toBeNull()
    expect(gatesVerdict(gates)).toBe('blocked')
  })
})

describe('the decisions gate', () => {
  const view = makeObject('view', 'chw_visits', { columns: ['uuid'] })
  const table = makeObject('table', 'households', { columns: ['uuid'] })
  const fn = makeObject('function', 'visit_count', { args: 'uuid' })
  const couch2pg = makeObject('table', 'couchdb', { origin: 'couch2pg' })
  const withInventory = (doc: Partial<ProjectDocument>, results: StoredResult[] = []) =>
    sampleDocument({
      ...doc,
      results: byId(inventoryResult([view, table, fn, couch2pg]), ...results),
    })
  const green = (id: string) =>
    comparisonResult(comparisonResultId('model', id), 'pass', '2026-11-30T02:00:00.000Z')

  it('is unmet while a custom object is undecided (couch2pg’s own objects need none)', () => {
    const g = gateOf(
      withInventory({
        inventory: { decisions: { [view.key]: decision('retire'), [fn.key]: decision('retire') } },
      }),
      'decisions',
    )
    expect(g.state).toBe('unmet')
    expect(g.evidence[0]).toContain('3 custom objects; 1 undecided')
    expect(g.evidence.join(' ')).toContain('Undecided: public.households')
  })

  it('is met when rebuilt and replaced objects each have a green comparison', () => {
    const parity = {
      ...sampleDocument().parity,
      models: [
        modelComparison('inventory.chw_visits', 'public', 'chw_visits'),
        modelComparison('households_vs_base', 'public', 'households'),
      ],
    }
    const g = gateOf(
      withInventory(
        {
          parity,
          inventory: {
            decisions: {
              [view.key]: decision('rebuild'),
              [table.key]: decision('replace', ['contact']),
              [fn.key]: decision('retire'),
            },
          },
        },
        [green('inventory.chw_visits'), green('households_vs_base')],
      ),
      'decisions',
    )
    expect(g.state).toBe('met')
    expect(g.remedy).toBeNull()
    expect(g.evidence[1]).toContain('2 objects decided replace or rebuild; 2 with a green')
  })

  it('is unmet for a rebuilt relation without comparison, or whose comparison is not green', () => {
    const decisions = {
      [view.key]: decision('rebuild'),
      [table.key]: decision('rebuild', ['hh']),
      [fn.key]: decision('retire'),
    }
    const parity = {
      ...sampleDocument().parity,
      models: [modelComparison('inventory.hh', 'other', 'elsewhere')],
    }
    const failed = comparisonResult(
      comparisonResultId('model', 'inventory.hh'),
      'fail',
      '2026-11-30T02:00:00.000Z',
    )
    const g = gateOf(withInventory({ parity, inventory: { decisions } }, [failed]), 'decisions')
    expect(g.state).toBe('unmet')
    const text = g.evidence.join(' ')
    expect(text).toContain('Comparison not green: public.households')
    expect(text).toContain('Rebuilt without a parity comparison: public.chw_visits')
  })

  it('is unknown when a replaced object has no comparison, or one never ran', () => {
    const parity = {
      ...sampleDocument().parity,
      models: [modelComparison('inventory.chw_visits', 'public', 'chw_visits')],
    }
    const g = gateOf(
      withInventory({
        parity,
        inventory: {
          decisions: {
            [view.key]: decision('rebuild'),
            [table.key]: decision('replace'),
            [fn.key]: decision('rebuild'),
          },
        },
      }),
      'decisions',
    )
    expect(g.state).toBe('unknown')
    const text = g.evidence.join(' ')
    expect(text).toContain('Comparison never ran: public.chw_visits')
    expect(text).toContain('No comparison to judge by: public.households, public.visit_count')
  })

  it('is unknown when no inventory ran', () => {
    const g = gateOf(sampleDocument(), 'decisions')
    expect(g.state).toBe('unknown')
    expect(g.evidence).toEqual(['The couch2pg database was never inventoried.'])
  })
})

describe('the parity-days gate', () => {
  const days = (n: number, green = true) =>
    Array.from({ length: n }, (_, i) => run(`2026-11-${String(30 - i).padStart(2, '0')}`, green))
  const docs = (history: ReturnType<typeof run>[]) => {
    const [latest, ...rest] = history
    const r = comparisonResult('parity.documents.all', 'pass', latest!.ranAt, rest)
    return sampleDocument({ results: byId(r) })
  }

  it('is met after the required days of green', () => {
    const g = gateOf(docs(days(14)), 'parity-days')
    expect(g.state).toBe('met')
    expect(g.evidence[0]).toBe('1 comparison green for 14 consecutive days; 14 required.')
  })

  it('is unmet before, saying where the streak stops', () => {
    const history = [...days(5), run('2026-11-25', false)]
    const g = gateOf(docs(history), 'parity-days')
    expect(g.state).toBe('unmet')
    expect(g.evidence[1]).toBe('The streak stops on 2026-11-25: parity.documents.all not green.')
  })

  it('is unknown when no comparison ran', () => {
    expect(gateOf(sampleDocument(), 'parity-days').state).toBe('unknown')
  })
})

describe('the monitoring gate', () => {
  const ran = (verdicts: Record<string, StoredResult['verdict']>) =>
    sampleDocument({
      results: byId(
        ...checksOfStep('monitor').map((c) =>
          checkResult(c.id, verdicts[c.id] ?? 'pass', '2026-11-30T12:00:00.000Z'),
        ),
      ),
    })

  it('is met when every check passed, and a warning counts as met with a note', () => {
    expect(gateOf(ran({}), 'monitoring').state).toBe('met')
    const g = gateOf(ran({ 'monitor.alerts': 'warn' }), 'monitoring')
    expect(g.state).toBe('met')
    expect(g.evidence.join(' ')).toContain('Warned (counts as met)')
  })

  it('is unmet when a check failed or could not run', () => {
    expect(gateOf(ran({ 'monitor.lag': 'fail' }), 'monitoring').state).toBe('unmet')
    expect(gateOf(ran({ 'monitor.prometheus': 'error' }), 'monitoring').state).toBe('unmet')
  })

  it('is unknown when a check never ran', () => {
    const doc = ran({})
    delete doc.results['monitor.lag']
    const g = gateOf(doc, 'monitoring')
    expect(g.state).toBe('unknown')
    expect(g.evidence.join(' ')).toContain('Never ran')
  })
})
