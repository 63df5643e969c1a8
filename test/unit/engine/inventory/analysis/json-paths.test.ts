import { beforeAll, describe, expect, it } from 'vitest'
import { analyzeSql, loadSqlParser } from '../../../../../src/main/engine/inventory/analysis'

beforeAll(() => loadSqlParser())

const view = (definition: string) => analyzeSql({ kind: 'view', language: null, definition })

describe('JSON paths', () => {
  const paths = (expr: string) => view(`SELECT ${expr} FROM t`).jsonPaths

  it('follows mixed nesting and casts of the intermediate value', () => {
    expect(paths(`(doc->'contact')#>>'{parent,_id}'`)).toEqual(['doc.contact.parent._id'])
    expect(paths(`(c.doc->'contact')::jsonb->'parent'->>'_id'`)).toEqual(['doc.contact.parent._id'])
    expect(paths(`doc #> ARRAY['fields', 'group_a'] ->> 'x'`)).toEqual(['doc.fields.group_a.x'])
  })

  it('writes array indexes as keys and unknown keys as ?', () => {
    expect(paths(`doc->'items'->0->>'name'`)).toEqual(['doc.items.0.name'])
    expect(paths(`doc->>p_key, doc->'fields'->>lower(k)`)).toEqual(['doc.?', 'doc.fields.?'])
  })

  it('reads quoted elements of a path array', () => {
    expect(paths(`doc #>> '{fields,"visit date",x}'`)).toEqual(['doc.fields.visit date.x'])
  })

  it('finds paths inside function arguments, CASE and subqueries', () => {
    expect(
      paths(`coalesce(doc->>'a', (SELECT max(x.doc->>'b') FROM u x)),
        CASE WHEN doc->>'c' = 'y' THEN 1 END`),
    ).toEqual(['doc.a', 'doc.b', 'doc.c'])
  })
})

describe('filters', () => {
  const filters = (where: string) => view(`SELECT 1 FROM couchdb WHERE ${where}`).filters

  it('reads =, a constant on the left, IN and = ANY, and merges values', () => {
    expect(
      filters(`'data_record' = doc->>'type' AND (doc->>'form' IN ('a', 'b')
        OR doc->>'form' = ANY (ARRAY['c']) OR doc->>'form' = 'a')`),
    ).toEqual([
      { path: 'form', values: ['a', 'b', 'c'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it('ignores <>, NOT IN, comparisons with columns and equalities outside row filters', () => {
    expect(
      filters(`doc->>'type' <> 'task' AND doc->>'form' NOT IN ('x') AND doc->>'a' = other.col`),
    ).toEqual([])
    expect(view(`SELECT doc->>'type' = 'person' AS is_person FROM couchdb`).filters).toEqual([])
  })

  it('counts JOIN … ON, HAVING and aggregate FILTER clauses', () => {
    const a = view(`SELECT count(*) FILTER (WHERE r.doc->>'form' = 'pnc')
      FROM couchdb p JOIN couchdb r ON r.doc->>'type' = 'data_record'
      GROUP BY 1 HAVING max(p.doc->>'contact_type') = 'person'`)
    expect(a.filters).toEqual([
      { path: 'form', values: ['pnc'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it('reads numbers and booleans as text', () => {
    expect(filters(`(doc->>'n')::int = 3 AND (doc->>'ok')::boolean = true`)).toEqual([
      { path: 'n', values: ['3'] },
      { path: 'ok', values: ['true'] },
    ])
  })
})
