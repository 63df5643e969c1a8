import { beforeAll, describe, expect, it } from 'vitest'
import { COUCH2PG_SQL_OBJECTS } from '../../../../../src/main/engine/demo/sql'
import type { DemoSqlObject } from '../../../../../src/main/engine/demo/sql/types'
import {
  analyzeSql,
  dynamicCandidates,
  loadSqlParser,
  type AnalysisResult,
} from '../../../../../src/main/engine/inventory/analysis'
import { sqlAnalysisSchema } from '../../../../../src/shared/results/inventory-result'

beforeAll(() => loadSqlParser())

/** The demo's views, materialized views and functions: what the inventory analyses. */
const ANALYSED = COUCH2PG_SQL_OBJECTS.filter(
  (o) => o.sql !== null && (o.kind === 'view' || o.kind === 'matview' || o.kind === 'function'),
)

function analyse(o: DemoSqlObject): AnalysisResult {
  const kind = o.kind === 'matview' ? 'materialized_view' : o.kind === 'view' ? 'view' : 'function'
  return analyzeSql({ kind, language: null, definition: o.sql as string })
}

const byName = (name: string): AnalysisResult => {
  const o = ANALYSED.find((x) => x.name === name)
  if (!o) throw new Error(`no demo object ${name}`)
  return analyse(o)
}

describe('the demo deployment’s SQL', () => {
  it('covers every kind the inventory analyses', () => {
    const kinds = new Set(ANALYSED.map((o) => o.kind))
    expect([...kinds].sort()).toEqual(['function', 'matview', 'view'])
    expect(ANALYSED.length).toBeGreaterThan(40)
  })

  it.each(ANALYSED.filter((o) => o.parsesCleanly).map((o) => [o.name, o] as const))(
    '%s: finds exactly what it depends on',
    (_name, o) => {
      const a = analyse(o)
      expect(a.parseError).toBeNull()
      expect([...a.relations, ...a.functions].sort()).toEqual([...o.dependsOn].sort())
      expect(a.references).toEqual([...a.relations, ...a.functions].sort())
      // Every result can be stored as it is.
      expect(() => sqlAnalysisSchema.parse(a)).not.toThrow()
    },
  )

  it('get_form_submissions: names the run-time relation by its prefix', () => {
    const o = ANALYSED.find((x) => x.name === 'get_form_submissions') as DemoSqlObject
    expect(o.parsesCleanly).toBe(false)
    const a = analyse(o)
    expect(a.parseError).toBeNull()
    expect(a.manualReview).toMatch(/^Builds SQL at run time \(EXECUTE\)/)
    expect(a.manualReview).toContain('reads a relation whose name starts with “formview_”')
    expect(a.dynamicRelationPrefixes).toEqual(['formview_'])
    // What it reads is only known by the prefix: the candidates are exactly what it depends on.
    expect(a.relations).toEqual([])
    const objects = COUCH2PG_SQL_OBJECTS.map((x) => ({ schema: 'public', name: x.name }))
    expect(
      dynamicCandidates(a, objects)
        .map((x) => x.name)
        .sort(),
    ).toEqual([...o.dependsOn].sort())
    expect(dynamicCandidates({ dynamicRelationPrefixes: ['public.formview_p'] }, objects)).toEqual([
      { schema: 'public', name: 'formview_pregnancy' },
      { schema: 'public', name: 'formview_pnc' },
    ])
    expect(dynamicCandidates(byName('get_chw_scorecard'), objects)).toEqual([])
  })

  it('refresh_matviews: the static refresh is found, the dynamic one is flagged', () => {
    const a = byName('refresh_matviews')
    expect(a.relations).toEqual(['contactview_metadata'])
    expect(a.manualReview).toMatch(/^Builds SQL at run time \(EXECUTE\)/)
    expect(a.manualReview).toContain('refreshes a relation whose name is chosen at run time')
    expect(a.dynamicRelationPrefixes).toBeUndefined()
  })

  it('PL/pgSQL without dynamic SQL still needs manual review', () => {
    const a = byName('get_chw_scorecard')
    expect(a.manualReview).toBe(
      'PL/pgSQL: 1 query read from its body; variables, control flow and side effects need a ' +
        'person to read.',
    )
    expect(byName('get_maternal_dashboard').manualReview).toBeNull()
  })

  it('formview_pregnancy: #>> paths and its type/form filters', () => {
    const a = byName('formview_pregnancy')
    expect(a.jsonPaths).toEqual(
      expect.arrayContaining([
        'doc._id',
        'doc.reported_date',
        'doc.fields.lmp_date',
        'doc.fields.edd',
        'doc.contact.parent._id',
        'doc.contact.parent.parent._id',
        'doc.type',
        'doc.form',
      ]),
    )
    // Only the longest path of a chain: `doc.contact.parent` is never read on its own.
    expect(a.jsonPaths).not.toContain('doc.contact.parent')
    expect(a.jsonPaths).not.toContain('doc.fields')
    expect(a.filters).toEqual([
      { path: 'form', values: ['pregnancy'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it('formview_anc_visit: -> chains, and equalities in the select list are not filters', () => {
    const a = byName('formview_anc_visit')
    expect(a.jsonPaths).toEqual(
      expect.arrayContaining(['doc.fields.visit_date', 'doc.fields.attended_facility']),
    )
    expect(a.jsonPaths).not.toContain('doc.fields')
    expect(a.filters).toEqual([
      { path: 'form', values: ['anc_visit'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it("formview_pnc and formview_immunization: reads through a `doc->'fields' AS f` alias", () => {
    const pnc = byName('formview_pnc')
    expect(pnc.jsonPaths).toEqual(
      expect.arrayContaining(['doc.fields.visit_date', 'doc.fields.breastfeeding']),
    )
    expect(pnc.jsonPaths.filter((p) => p.startsWith('f.'))).toEqual([])
    // The alias itself is only a step towards the longer paths.
    expect(pnc.jsonPaths).not.toContain('doc.fields')
    expect(pnc.filters).toEqual([
      { path: 'form', values: ['pnc'] },
      { path: 'type', values: ['data_record'] },
    ])
    expect(byName('formview_immunization').jsonPaths).toContain('doc.fields.vaccines_given')
  })

  it('formview_delivery: a join on a JSON path is no filter; form_metadata.formname is doc.form', () => {
    const a = byName('formview_delivery')
    expect(a.relations).toEqual(['couchdb', 'form_metadata'])
    expect(a.jsonPaths).toContain('doc.fields.delivery_date')
    expect(a.jsonPaths).not.toContain('doc.form')
    expect(a.filters).toEqual([{ path: 'form', values: ['delivery'] }])
  })

  it('raw_contacts: an IN list is one filter with every value', () => {
    expect(byName('raw_contacts').filters).toEqual([
      {
        path: 'type',
        values: ['clinic', 'contact', 'district_hospital', 'health_center', 'person'],
      },
    ])
  })

  it('contactview_person_age: COALESCE of two paths filters on both', () => {
    expect(byName('contactview_person_age').filters).toEqual([
      { path: 'contact_type', values: ['person'] },
      { path: 'type', values: ['person'] },
    ])
  })

  it('useview_pregnancy_visits_old: filters of a subquery merge with the outer ones', () => {
    expect(byName('useview_pregnancy_visits_old').filters).toEqual([
      { path: 'form', values: ['pregnancy', 'pregnancy_visit'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it('views over other views read no JSON', () => {
    const a = byName('useview_dashboard_maternal')
    expect(a.jsonPaths).toEqual([])
    expect(a.filters).toEqual([])
    // Its CTEs (`months`, `pnc`) are not relations.
    expect(a.relations).not.toContain('months')
    expect(a.relations).not.toContain('pnc')
  })
})
