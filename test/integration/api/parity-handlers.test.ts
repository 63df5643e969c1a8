import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import { metricStarters } from '../../../src/main/engine/parity/metric-starters'
import type { ModelDefinition } from '../../../src/shared/parity-definitions'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { greenStreak } from '../../../src/shared/results/parity-trend'
import { demoTestContext, type TestContext } from '../../support/handler-context'

/**
 * `parity.run` through `dispatch`, on a demo without injected differences: the comparisons set
 * up in the project (the replica dashboard's starter tiles, `form_metadata` against
 * `data_record`) run as a job, each result is recorded in the project as evidence, and all pass;
 * a comparison that cannot run is stored as an error and the run goes on.
 */
let t: TestContext
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ t, stop } = await demoTestContext({ size: 'small', docs: 1500, discrepancies: 'none' }))
}, 120_000)
afterAll(async () => {
  await stop?.()
})

const formsModel: ModelDefinition = {
  id: 'form-metadata',
  title: 'form_metadata → data_record',
  old: { kind: 'relation', schema: 'public', name: 'form_metadata' },
  new: { kind: 'relation', schema: 'v1', name: 'data_record' },
  keys: [{ old: 'uuid', new: 'uuid' }],
  columns: [
    { old: 'formname', new: 'form' },
    { old: 'chw', new: 'contact_uuid' },
    { old: 'chw_area', new: 'parent_uuid' },
  ],
  nullEqualsNull: true,
}

async function runJob(input: Record<string, unknown>) {
  const started = await call('parity.run', input, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const finished = await t.ctx.jobs.wait(started.value.jobId)
  if (!finished.ok) throw new Error(finished.error.message)
  return (finished.value as { results: StoredResult[] }).results
}

describe('parity.run', () => {
  it('refuses to run models before any is set up', async () => {
    const started = await call('parity.run', { only: 'models' }, t.ctx)
    if (!started.ok) throw new Error(started.error.message)
    const finished = await t.ctx.jobs.wait(started.value.jobId)
    expect(finished).toMatchObject({ ok: false, error: { message: /Nothing to compare yet/ } })
  })

  it('runs document parity, the model pairs and the dashboard metrics, records each, and all pass', async () => {
    const starters = metricStarters({
      old: {
        schema: 'public',
        formMetadata: { reported: 'timestamp' },
        contactviewMetadata: { reported: 'timestamptz' },
      },
      new: { schema: 'v1', table: 'couchdb', dataRecord: true, contact: true },
      deliveryForm: 'delivery',
    })
    const updated = await call(
      'project.update',
      {
        intents: [
          { type: 'parity.setModel', model: formsModel },
          ...starters.map((metric) => ({ type: 'parity.setMetric', metric })),
        ],
      },
      t.ctx,
    )
    if (!updated.ok) throw new Error(updated.error.message)
    const results = await runJob({})
    expect(results.map((r) => r.id)).toEqual([
      'parity.documents.couchdb-chtsync',
      'parity.documents.couchdb-couch2pg',
      'parity.documents.couch2pg-chtsync',
      'parity.model.form-metadata',
      ...starters.map((s) => `parity.metric.${s.id}`),
    ])
    for (const r of results) expect(r.verdict, `${r.id}: ${r.summary}`).toBe('pass')
    const stored = t.ctx.project.state!.document.results
    expect(stored['parity.model.form-metadata']?.details).toMatchObject({
      kind: 'comparison',
      mode: 'model',
    })
    // Run today: the streak counts today once every comparison ran green.
    expect(greenStreak(stored).days).toBe(1)
  }, 60_000)

  it('stores a comparison that cannot run as an error, and still runs the others', async () => {
    const updated = await call(
      'project.update',
      {
        intents: [
          {
            type: 'parity.setModel',
            model: { ...formsModel, columns: [{ old: 'formname', new: 'no_such_column' }] },
          },
        ],
      },
      t.ctx,
    )
    if (!updated.ok) throw new Error(updated.error.message)
    const results = await runJob({ only: 'models' })
    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ verdict: 'error', summary: /no_such_column/ })
    const metrics = await runJob({ only: 'metrics' })
    expect(metrics.every((r) => r.verdict === 'pass')).toBe(true)
  }, 60_000)
})
