import { beforeAll, describe, expect, it } from 'vitest'
import { analyzeSql, loadSqlParser } from '../../../../../src/main/engine/inventory/analysis'
import {
  applyFormat,
  RUN_TIME,
} from '../../../../../src/main/engine/inventory/analysis/dynamic-sql'

beforeAll(() => loadSqlParser())

/** A PL/pgSQL function as `pg_get_functiondef` prints it, around `body`. */
const plpgsql = (body: string, declare = '') =>
  analyzeSql({
    kind: 'function',
    language: 'plpgsql',
    definition: `CREATE OR REPLACE FUNCTION public.f(p_form text, p_key text)
 RETURNS SETOF record
 LANGUAGE plpgsql
AS $function$
${declare ? `DECLARE\n${declare}\n` : ''}BEGIN
${body}
END
$function$
`,
  })

describe('PL/pgSQL', () => {
  it('reads queries, expressions, assignments, cursors and defaults of its body', () => {
    const a = plpgsql(
      `  x := (SELECT max(doc->>'reported_date') FROM couchdb WHERE doc->>'type' = 'data_record');
  IF EXISTS (SELECT 1 FROM form_metadata) THEN
    PERFORM helper(x);
  END IF;
  FOR r IN SELECT * FROM useview_tasks LOOP
    INSERT INTO task_log VALUES (r.uuid);
  END LOOP;
  OPEN c;
  CALL do_more();
  RETURN QUERY SELECT * FROM contactview_user;`,
      `  x text := other_default();
  r record;
  c CURSOR FOR SELECT * FROM cursor_source;`,
    )
    expect(a.relations).toEqual([
      'contactview_user',
      'couchdb',
      'cursor_source',
      'form_metadata',
      'task_log',
      'useview_tasks',
    ])
    expect(a.functions).toEqual(['do_more', 'helper', 'other_default'])
    expect(a.jsonPaths).toEqual(['doc.reported_date', 'doc.type'])
    expect(a.filters).toEqual([{ path: 'type', values: ['data_record'] }])
    expect(a.manualReview).toBe(
      'PL/pgSQL: 6 queries read from its body; variables, control flow and side effects need a ' +
        'person to read.',
    )
    expect(a.dynamicRelationPrefixes).toBeUndefined()
  })

  it('reads NEW in trigger bodies and %TYPE / %ROWTYPE declarations', () => {
    const a = plpgsql(
      `  SELECT * INTO r FROM couchdb WHERE doc->>'_id' = NEW.doc->>'_id';
  v := r.doc;
  INSERT INTO audit VALUES (v->>'type', TG_OP);`,
      '  r couchdb%ROWTYPE;\n  v couchdb.doc%TYPE;',
    )
    expect(a.parseError).toBeNull()
    expect(a.relations).toEqual(['audit', 'couchdb'])
    expect(a.jsonPaths).toEqual(['doc._id', 'v.type'])
  })

  it('names a prefix built with || and quote_ident', () => {
    const a = plpgsql(
      `  RETURN QUERY EXECUTE 'SELECT * FROM ' || quote_ident('formview_' || p_form) || ' v WHERE v.doc->>''type'' = $1' USING p_key;`,
    )
    expect(a.dynamicRelationPrefixes).toEqual(['formview_'])
    expect(a.manualReview).toBe(
      'Builds SQL at run time (EXECUTE): reads a relation whose name starts with “formview_”, ' +
        'chosen at run time. PL/pgSQL: no query read from its body; variables, control flow ' +
        'and side effects need a person to read.',
    )
    // What the rebuilt statement reads is kept.
    expect(a.jsonPaths).toEqual(['doc.type'])
  })

  it('names relations a dynamic statement spells out, and what it cannot read', () => {
    const a = plpgsql(
      `  EXECUTE 'TRUNCATE staging_table';
  EXECUTE format('INSERT INTO %I SELECT * FROM %I.reports_2024', 'archive', 'public');
  EXECUTE v_sql;
  FOR r IN EXECUTE format('SELECT %s FROM t WHERE doc->>%L = %L', p_key, p_key, 'x') LOOP
  END LOOP;`,
      '  v_sql text;\n  r record;',
    )
    expect(a.relations).toEqual(['archive', 'public.reports_2024', 'staging_table', 't'])
    expect(a.jsonPaths).toEqual(['doc.?'])
    expect(a.manualReview).toMatch(/^Builds SQL at run time \(EXECUTE\): /)
    expect(a.manualReview).toContain('empties staging_table')
    expect(a.manualReview).toContain('writes to archive, public.reports_2024')
    expect(a.manualReview).toContain('builds a statement whose text could not be read')
    expect(a.dynamicRelationPrefixes).toBeUndefined()
  })

  it('reports the PL/pgSQL parser’s errors, in its body and in embedded SQL', () => {
    const unknownCursor = plpgsql(`  RETURN QUERY SELECT * FROM t;
  OPEN c2;`)
    expect(unknownCursor.parseError).toMatch(/c2/)
    expect(unknownCursor.references).toEqual([])
    expect(unknownCursor.manualReview).toBeNull()
    expect(plpgsql(`  x := 1 +;`, '  x int;').parseError).toMatch(/syntax error/)
  })
})

describe('format() templates', () => {
  it('applies %s, %I, %L, %% and positions', () => {
    expect(applyFormat('SELECT %s FROM %I WHERE a = %L -- 100%%', ['x', 'My T', "it's"])).toBe(
      `SELECT x FROM "My T" WHERE a = 'it''s' -- 100%`,
    )
    expect(applyFormat('%2$I.%1$I %1$s', ['t', 's'])).toBe('"s"."t" t')
    expect(applyFormat('%-10s|%*s', ['a', '5', 'b'])).toBe('a|b')
  })

  it('stands for missing arguments with the run-time marker, rejects bad templates', () => {
    expect(applyFormat('FROM %I', [])).toBe(`FROM "${RUN_TIME}"`)
    expect(applyFormat('bad %x', ['a'])).toBeNull()
    expect(applyFormat('cut %', [])).toBeNull()
  })
})
