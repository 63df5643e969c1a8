import { describe, expect, it } from 'vitest'
import { call } from '../../../src/main/api/dispatch'
import type { DemoManifest } from '../../../src/shared/demo'
import type { StoredResult } from '../../../src/shared/results/result-schema'
import { demoTestContext, type TestContext } from '../../support/handler-context'

/**
 * Document parity on the demo, through `parity.run --only docs`: every difference the demo's
 * manifest lists is found, in the comparison and class it belongs to, and nothing else; with
 * `discrepancies: none`, nothing at all, the CHT Sync stubs, couch2pg's shared table and the
 * databases a pipeline does not sync all reconciled.
 */

async function runDocs(t: TestContext): Promise<StoredResult[]> {
  const started = await call('parity.run', { only: 'docs', samples: 100 }, t.ctx)
  if (!started.ok) throw new Error(started.error.message)
  const finished = await t.ctx.jobs.wait(started.value.jobId)
  if (!finished.ok) throw new Error(finished.error.message)
  return (finished.value as { results: StoredResult[] }).results
}

/** Every difference of the results as `comparison|class|database|id`. */
function found(results: StoredResult[]): string[] {
  const out: string[] = []
  for (const r of results) {
    if (r.details.kind !== 'comparison') continue
    const comparison = r.id.replace('parity.documents.', '')
    for (const d of r.details.differences) {
      expect(d.samples).toHaveLength(d.count)
      for (const s of d.samples) {
        out.push(`${comparison}|${d.class}|${(s.note ?? '').split(';')[0]}|${s.key}`)
      }
    }
  }
  return out.sort()
}

/** What the manifest's injected differences must show as, per comparison. */
const EXPECTED: Partial<Record<string, [string, string][]>> = {
  missing_in_cht_sync: [
    ['couchdb-chtsync', 'missing_in_new'],
    ['couch2pg-chtsync', 'missing_in_new'],
  ],
  stale_revision_in_cht_sync: [
    ['couchdb-chtsync', 'stale_in_new'],
    ['couch2pg-chtsync', 'stale_in_new'],
  ],
  delete_not_applied_in_cht_sync: [
    ['couchdb-chtsync', 'deleted_but_present'],
    ['couch2pg-chtsync', 'deleted_but_present'],
  ],
  delete_not_applied_in_couch2pg: [
    ['couchdb-couch2pg', 'deleted_but_present'],
    ['couch2pg-chtsync', 'present_but_deleted'],
  ],
  couch2pg_behind: [
    ['couchdb-couch2pg', 'in_flight'],
    ['couch2pg-chtsync', 'in_flight'],
  ],
}

function expected(manifest: DemoManifest): string[] {
  const synced = {
    couch2pg: new Set(manifest.pipelines!.couch2pg.databases),
    chtSync: new Set(manifest.pipelines!.chtSync.databases),
  }
  const applies = (comparison: string, db: string) =>
    (!comparison.includes('couch2pg') || synced.couch2pg.has(db)) &&
    (!comparison.includes('chtsync') || synced.chtSync.has(db))
  return manifest.discrepancies
    .flatMap((d) =>
      (EXPECTED[d.kind] ?? [])
        .filter(([comparison]) => applies(comparison, d.database!))
        .map(([comparison, cls]) => `${comparison}|${cls}|${d.database}|${d.docId}`),
    )
    .sort()
}

describe('document parity on the demo', () => {
  it('finds every injected difference and nothing else', async () => {
    const { t, stop } = await demoTestContext({ size: 'small', docs: 1500 })
    try {
      const manifest = await call('demo.manifest', {}, t.ctx)
      if (!manifest.ok) throw new Error(manifest.error.message)
      const results = await runDocs(t)
      expect(results.map((r) => r.id)).toEqual([
        'parity.documents.couchdb-chtsync',
        'parity.documents.couchdb-couch2pg',
        'parity.documents.couch2pg-chtsync',
      ])
      const want = expected(manifest.value)
      expect(want.length).toBeGreaterThan(10)
      expect(found(results)).toEqual(want)
      const [sync, old, pair] = results
      expect(sync!.verdict).toBe('fail')
      // couch2pg's own drift warns: it explains differences but does not hold up the switch.
      expect(old!.verdict).toBe('warn')
      expect(pair!.verdict).toBe('fail')
      // The stale progress row CHT Sync left for `medic_sentinel` is named, not compared.
      expect(sync!.summary).toMatch(/medic_sentinel.*does not have/)
      // …in the results that involve CHT Sync only.
      expect(old!.summary).not.toMatch(/medic_sentinel/)
      expect(pair!.summary).toMatch(/medic_sentinel/)
      const stored = t.ctx.project.state!.document.results['parity.documents.couch2pg-chtsync']
      expect(stored?.verdict).toBe('fail')
    } finally {
      await stop()
    }
  }, 180_000)

  it.each([
    [{ couch2pgRelease: '3.7' }, []],
    [{ couch2pgRelease: '3.5' }, ['medic-logs']],
  ] as const)(
    'finds no difference with nothing injected (%o)',
    async (variant, notSyncedByCouch2pg) => {
      const { t, stop } = await demoTestContext({
        size: 'small',
        docs: 800,
        discrepancies: 'none',
        ...variant,
      })
      try {
        const results = await runDocs(t)
        expect(found(results)).toEqual([])
        expect(results.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass'])
        const pair = results[2]!
        if (pair.details.kind !== 'comparison') throw new Error('not a comparison')
        // Counts side by side: medic and medic-sentinel as couch2pg holds them, together.
        const totals = pair.details.counts.filter((c) => c.group.length === 1)
        expect(totals.find((c) => c.group[0] === 'medic + medic-sentinel')).toMatchObject({
          old: expect.any(Number),
        })
        for (const total of totals) {
          if (notSyncedByCouch2pg.includes(total.group[0] as never)) expect(total.old).toBeNull()
          else expect(total.old).toBe(total.new)
        }
        const byType = pair.details.counts.filter(
          (c) => c.group.length === 4 && c.group[0] === 'medic + medic-sentinel',
        )
        expect(byType.length).toBeGreaterThan(3)
        for (const row of byType) expect(row.old).toBe(row.new)
        for (const db of notSyncedByCouch2pg) {
          expect(pair.summary).toContain(`Not synced by couch2pg: ${db}`)
        }
      } finally {
        await stop()
      }
    },
    180_000,
  )
})
