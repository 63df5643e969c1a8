import { describe, expect, it } from 'vitest'
import {
  judgeJsonIndexes,
  pathIndexes,
  runJsonIndexes,
} from '../../../../../src/main/engine/checks/optimize/json-indexes'
import {
  createExpressionIndexSql,
  dashboardFilters,
  indexedDocPath,
  indexNameFor,
} from '../../../../../src/main/engine/checks/optimize/json-paths'
import type { InventoryObject } from '../../../../../src/shared/results/inventory-result'
import { fakeCheckContext } from '../../../../support/fake-check-context'
import { filter, view } from '../../../../support/inventory-objects'
import { sampleDocument } from '../../../../support/project-fixtures'
import { inventoryResult } from '../../../../support/teardown-fixtures'
import { relation, statsOf } from './stats-fixtures'

const used = (o: InventoryObject, seqScans = 3): InventoryObject => ({
  ...o,
  usage: { ...o.usage, seqScans },
})

/** A project whose inventory holds `objects`, with `decisions` by key. */
function documentOf(
  objects: InventoryObject[],
  decided: Record<string, 'replace' | 'retire'> = {},
) {
  const doc = sampleDocument()
  doc.results['inventory.couch2pg'] = inventoryResult(objects)
  for (const [key, action] of Object.entries(decided)) {
    doc.inventory.decisions[key] = {
      action,
      models: [],
      owner: '',
      due: null,
      note: '',
      decidedBy: null,
      decidedAt: '2026-11-01T08:00:00.000Z',
    }
  }
  return doc
}

describe('index expressions', () => {
  it('reads the doc path of the forms pg_get_indexdef gives', () => {
    expect(indexedDocPath("(doc ->> 'form'::text)")).toBe('form')
    expect(indexedDocPath("((doc -> 'contact'::text) ->> '_id'::text)")).toBe('contact._id')
    expect(indexedDocPath("(((doc -> 'a'::text) -> 'b'::text) ->> 'c'::text)")).toBe('a.b.c')
    expect(indexedDocPath("(doc #>> '{fields,patient_id}'::text[])")).toBe('fields.patient_id')
    expect(indexedDocPath("(doc ->> 'it''s'::text)")).toBe("it's")
  })

  it('does not take a column, a jsonb extraction or another column’s path for one', () => {
    expect(indexedDocPath('saved_timestamp')).toBeNull()
    expect(indexedDocPath("(doc -> 'form'::text)")).toBeNull()
    expect(indexedDocPath("(other ->> 'form'::text)")).toBeNull()
  })

  it('writes the statement with escaped keys and a name within 63 bytes', () => {
    expect(createExpressionIndexSql('v1', 'couchdb', 'fields.visit_type')).toBe(
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS couchdb_doc_fields_visit_type ON v1.couchdb ((doc->'fields'->>'visit_type'));",
    )
    expect(createExpressionIndexSql('v1', 'couchdb', "it's")).toContain("((doc->>'it''s'))")
    expect(indexNameFor('couchdb', 'x'.repeat(100)).length).toBeLessThanOrEqual(63)
    expect(indexNameFor('9t', 'a')).toBe('i_9t_doc_a')
  })
})

describe('dashboard filters from the inventory', () => {
  it('takes filters of used or replaced/rebuilt objects only, merged by path', () => {
    const a = used(view('useview_visits', { analysis: { filters: [filter('form', 'visit')] } }))
    const b = view('useview_anc', {
      analysis: { filters: [filter('form', 'anc'), filter('fields.visit_type', 'home')] },
    })
    const idle = view('old_report', { analysis: { filters: [filter('fields.danger', 'yes')] } })
    const retired = used(view('gone', { analysis: { filters: [filter('fields.gone', 'x')] } }), 0)
    const doc = documentOf([a, b, idle, retired], { [b.key]: 'replace', [retired.key]: 'retire' })
    const filters = dashboardFilters(doc)
    expect(filters.map((f) => f.path)).toEqual(['form', 'fields.visit_type'])
    expect(filters[0]).toMatchObject({
      objects: ['public.useview_anc', 'public.useview_visits'],
      values: ['anc', 'visit'],
      column: { model: 'data_record', column: 'form' },
    })
    expect(filters[1]!.column).toBeNull()
  })

  it('skips the raw table key and finds nothing without an inventory', () => {
    const a = used(view('v', { analysis: { filters: [filter('_id', 'x')] } }))
    expect(dashboardFilters(documentOf([a]))).toEqual([])
    expect(dashboardFilters(sampleDocument())).toEqual([])
  })
})

describe('optimize.json-indexes judge', () => {
  const doc = documentOf([
    used(
      view('useview_visits', {
        analysis: {
          filters: [
            filter('form', 'visit'),
            filter('fields.visit_type', 'home'),
            filter('contact_type', 'chw'),
          ],
        },
      }),
    ),
  ])
  const filters = dashboardFilters(doc)

  it('warns with the expression index for a raw path and the column index for a model path', () => {
    const stats = statsOf(
      relation('couchdb', {
        rows: 2_000_000,
        bytes: 3 * 1024 ** 3,
        indexFirstKeys: ['_deleted', 'saved_timestamp'],
      }),
      relation('data_record', { indexFirstKeys: ['uuid', 'saved_timestamp'] }),
      relation('contact', { indexFirstKeys: ['contact_type'] }),
    )
    const o = judgeJsonIndexes(pathIndexes(filters, stats), stats)
    expect(o.verdict).toBe('warn')
    expect(o.summary).toMatch(/^2 JSON paths that dashboards filter on have no index/)
    expect(o.remedy?.text).toContain(
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS couchdb_doc_fields_visit_type ON v1.couchdb ((doc->'fields'->>'visit_type'));",
    )
    expect(o.remedy?.text).toContain('CREATE INDEX CONCURRENTLY ON v1.data_record (form);')
    expect(o.remedy?.text).toContain("{{ config(indexes=[{'columns': ['form']}]) }}")
    expect(o.remedy?.text).toContain('all 2,000,000 rows, 3 GB of v1.couchdb')
    const measure = o.evidence?.find((e) => e.type === 'measure' && e.label === 'Without an index')
    expect(measure?.type === 'measure' && measure.value).toBe(2)
  })

  it('passes when the raw table has the expression index and the models their column index', () => {
    const stats = statsOf(
      relation('couchdb', { indexFirstKeys: ["((doc -> 'fields'::text) ->> 'visit_type'::text)"] }),
      relation('data_record', { indexFirstKeys: ['form'] }),
      relation('contact', { indexFirstKeys: ['contact_type'] }),
    )
    const o = judgeJsonIndexes(pathIndexes(filters, stats), stats)
    expect(o.verdict).toBe('pass')
    expect(o.summary).toMatch(/Each of the 3 JSON paths/)
  })

  it('looks in the raw table when the model is not built', () => {
    const stats = statsOf(relation('couchdb', { indexFirstKeys: ["(doc ->> 'form'::text)"] }))
    const paths = pathIndexes(filters, stats)
    expect(paths.find((p) => p.path === 'form')).toMatchObject({ on: 'raw', indexed: true })
  })

  it('is skipped, saying why, without an inventory', async () => {
    const o = await runJsonIndexes(fakeCheckContext({ document: sampleDocument() }))
    expect(o.verdict).toBe('skipped')
    expect(o.skippedBecause).toMatch(/run it on the Plan step/)
  })
})
