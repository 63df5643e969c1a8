import { describe, expect, it } from 'vitest'
import { applyIntents } from '../../../../src/main/engine/project/apply-intents'
import type { StoredResult } from '../../../../src/shared/project-schema'
import { sampleDocument } from '../../../support/project-fixtures'

const ctx = { who: 'amina', now: new Date('2026-12-01T10:00:00Z'), isKnownItem: () => true }

const failed: StoredResult = {
  id: 'setup.env-threads',
  itemId: 'setup.env-file',
  title: 'dbt threads are set with DBT_THREAD_COUNT',
  verdict: 'fail',
  summary: 'DBT_THREADS is set; CHT Sync reads DBT_THREAD_COUNT.',
  ranAt: '2026-12-01T09:00:00.000Z',
  durationMs: 3,
  endpoints: [],
  partial: null,
  details: {
    kind: 'check',
    checkId: 'setup.env-threads',
    evidence: [],
    remedy: null,
    skippedBecause: null,
  },
  history: [],
}

describe('the checks intents', () => {
  it('sets and clears the sources, and merges the sizing inputs', () => {
    let doc = applyIntents(
      sampleDocument(),
      [
        { type: 'checks.setSources', envPath: '/srv/cht-sync/.env', watchdogUrl: 'http://wd:9090' },
        { type: 'checks.setSizing', sizing: { freeDiskGb: 120 } },
      ],
      ctx,
    )
    expect(doc.checks).toMatchObject({
      envPath: '/srv/cht-sync/.env',
      valuesPath: null,
      watchdogUrl: 'http://wd:9090',
      sizing: { freeDiskGb: 120, memoryGb: null, growthPerYear: 0.2, years: 5 },
    })
    doc = applyIntents(doc, [{ type: 'checks.setSources', envPath: null }], ctx)
    expect(doc.checks.envPath).toBeNull()
    expect(doc.checks.watchdogUrl).toBe('http://wd:9090')
    // One configuration is read: choosing one kind of file clears the other.
    doc = applyIntents(doc, [{ type: 'checks.setSources', envPath: '/a/.env' }], ctx)
    doc = applyIntents(doc, [{ type: 'checks.setSources', valuesPath: '/a/values.yaml' }], ctx)
    expect(doc.checks).toMatchObject({ envPath: null, valuesPath: '/a/values.yaml' })
  })

  it('records a gate override with its reason and name (the user’s by default), and removes it', () => {
    let doc = applyIntents(
      sampleDocument(),
      [
        {
          type: 'gate.override',
          stepId: 'setup',
          reason: 'Docker runs on the server; password=hunter2',
        },
      ],
      ctx,
    )
    expect(doc.checks.gateOverrides.setup).toMatchObject({
      by: 'amina',
      at: '2026-12-01T10:00:00.000Z',
    })
    expect(doc.checks.gateOverrides.setup!.reason).not.toContain('hunter2')
    doc = applyIntents(
      doc,
      [{ type: 'gate.override', stepId: 'monitor', reason: 'x', by: 'Joseph' }],
      ctx,
    )
    expect(doc.checks.gateOverrides.monitor!.by).toBe('Joseph')
    doc = applyIntents(doc, [{ type: 'gate.clearOverride', stepId: 'setup' }], ctx)
    expect(Object.keys(doc.checks.gateOverrides)).toEqual(['monitor'])
  })

  it('refuses to mark done an item whose check failed, until the step’s gate is overridden', () => {
    const doc = sampleDocument({ results: { [failed.id]: failed } })
    const done = { type: 'item.set' as const, itemId: 'setup.env-file', status: 'done' as const }
    expect(() => applyIntents(doc, [done], ctx)).toThrow(/failed on its last run/)
    expect(
      applyIntents(doc, [{ ...done, itemId: 'setup.prerequisites' }], ctx).items[
        'setup.prerequisites'
      ]!.status,
    ).toBe('done')
    const overridden = applyIntents(
      doc,
      [{ type: 'gate.override', stepId: 'setup', reason: 'Known: we fix it next week' }, done],
      ctx,
    )
    expect(overridden.items['setup.env-file']!.status).toBe('done')
  })
})
