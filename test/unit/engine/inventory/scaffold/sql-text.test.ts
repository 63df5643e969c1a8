import { describe, expect, it } from 'vitest'
import {
  castTo,
  commentBlock,
  hasJinja,
  jinjaSafe,
  jsonPathExpr,
  sqlIdent,
  sqlLiteral,
} from '../../../../../src/main/engine/inventory/scaffold/sql-text'

describe('sql-text', () => {
  it('breaks every Jinja delimiter, however nested', () => {
    for (const text of ['{{ x }}', '{% if %}', '{# c #}', '{{{', '}}}', '%}}', "'{fields,a}'"]) {
      expect(hasJinja(jinjaSafe(text))).toBe(false)
    }
    expect(jinjaSafe("doc#>>'{fields,a}'")).toBe("doc#>>'{fields,a}'")
    expect(commentBlock('a\r\n{{ b }}')).toEqual(['-- a', '-- { { b } }'])
  })

  it('quotes identifiers that are not plain or are reserved', () => {
    expect(sqlIdent('lmp_date')).toBe('lmp_date')
    expect(sqlIdent('user')).toBe('"user"')
    expect(sqlIdent('Weird "Name"')).toBe('"Weird ""Name"""')
  })

  it('writes literals, refusing Jinja rather than changing the value', () => {
    expect(sqlLiteral("o'k")).toBe("'o''k'")
    expect(sqlLiteral('{{ x }}')).toBeNull()
  })

  it('reads dotted JSON paths with -> steps, only for plain keys', () => {
    expect(jsonPathExpr('raw', 'doc.fields.lmp_date')).toBe("raw.doc->'fields'->>'lmp_date'")
    expect(jsonPathExpr('raw', 'doc.owner')).toBe("raw.doc->>'owner'")
    expect(jsonPathExpr('raw', 'doc.fields.group', true)).toBe("raw.doc->'fields'->'group'")
    expect(jsonPathExpr('raw', "doc.fields.o'k")).toBeNull()
    expect(jsonPathExpr('raw', 'doc')).toBeNull()
  })

  it('casts like the old views, leaving text alone', () => {
    expect(castTo('x', 'text')).toBe('x')
    expect(castTo('x', 'character varying(20)')).toBe('x')
    expect(castTo('x', 'timestamp with time zone')).toBe("NULLIF(x, '')::timestamp with time zone")
    expect(castTo('x', '"Odd"')).toBeNull()
  })
})
