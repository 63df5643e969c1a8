import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { greenStreak } from '../../../src/shared/results/parity-trend'
import { createTestContext, demoTestContext, type TestContext } from '../../support/handler-context'

/**
 * `parity.suggest` through `dispatch`, on a demo without injected differences: it reads both
 * catalogs and suggests the starter tiles and the two model pairs, and what it suggests, once set
 * up through the intents, runs green.
 */
let t: TestContext
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ t, stop } = await demoTestContext({ size: 'small', docs: 1500, discrepancies: 'none' }))
}, 120_000)
afterAll(async () => {
  await stop?.()
})

describe('parity.suggest', () => {
  it('suggests the starter tiles and the model pairs both sides have', async () => {
    const suggested = await call('parity.suggest', {}, t.ctx)
    if (!suggested.ok) throw new Error(suggested.error.message)
    const { metrics, models } = suggested.value
    expect(metrics.map((m) => m.id)).toEqual([
      'reports-per-form-month',
      'active-chws-per-month',
      'new-contacts-per-month',
      'deliveries-per-facility',
    ])
    // couch2pg's analytics views are read, not its raw table.
    expect(metrics[0]!.oldSql).toContain('"public"."form_metadata"')
    expect(metrics[0]!.newSql).toContain('"v1"."data_record"')
    expect(metrics[3]!.oldSql).toContain("form = 'delivery'")
    expect(models).toEqual([
      {
        id: 'form-metadata',
        title: 'form_metadata → data_record',
        old: { kind: 'relation', schema: 'public', name: 'form_metadata' },
        new: { kind: 'relation', schema: 'v1', name: 'data_record' },
        keys: [{ old: 'uuid', new: 'uuid' }],
        columns: [
          { old: 'formname', new: 'form' },
          { old: 'chw', new: 'contact_uuid' },
          { old: 'chw_area', new: 'parent_uuid' },
          { old: 'reported', new: 'reported', tolerance: { unit: 'second' } },
        ],
        nullEqualsNull: true,
      },
      {
        id: 'contactview-metadata',
        title: 'contactview_metadata → contact',
        old: { kind: 'relation', schema: 'public', name: 'contactview_metadata' },
        new: { kind: 'relation', schema: 'v1', name: 'contact' },
        keys: [{ old: 'uuid', new: 'uuid' }],
        columns: [
          { old: 'name', new: 'name' },
          { old: 'parent_uuid', new: 'parent_uuid' },
          { old: 'reported', new: 'reported', tolerance: { unit: 'second' } },
        ],
        nullEqualsNull: true,
      },
    ])
    // Suggesting saves nothing.
    expect(t.ctx.project.state!.document.parity.metrics).toEqual([])
  })

  it('what it suggests, set up through the intents, runs green', async () => {
    const suggested = await call('parity.suggest', {}, t.ctx)
    if (!suggested.ok) throw new Error(suggested.error.message)
    const updated = await call(
      'project.update',
      {
        intents: [
          ...suggested.value.models.map((model) => ({ type: 'parity.setModel', model })),
          ...suggested.value.metrics.map((metric) => ({ type: 'parity.setMetric', metric })),
        ],
      },
      t.ctx,
    )
    if (!updated.ok) throw new Error(updated.error.message)
    const started = await call('parity.run', {}, t.ctx)
    if (!started.ok) throw new Error(started.error.message)
    const finished = await t.ctx.jobs.wait(started.value.jobId)
    if (!finished.ok) throw new Error(finished.error.message)
    const results = (finished.value as { results: StoredResult[] }).results
    // Document parity's three results, then the six suggested comparisons.
    expect(results).toHaveLength(9)
    for (const r of results) expect(r.verdict, `${r.id}: ${r.summary}`).toBe('pass')
    expect(greenStreak(t.ctx.project.state!.document.results).days).toBe(1)
  }, 60_000)

  it('asks for the connections when a side is not set', async () => {
    const other = await createTestContext()
    try {
      const none = await call('parity.suggest', {}, other.ctx)
      expect(none).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } })
    } finally {
      await other.dispose()
    }
  })
})
