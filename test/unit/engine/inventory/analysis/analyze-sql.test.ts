import { beforeAll, describe, expect, it } from 'vitest'
import {
  analyzeSql,
  loadSqlParser,
  MAX_ANALYSED_CHARS,
  relationsOfStatement,
} from '../../../../../src/main/engine/inventory/analysis'
import { sqlAnalysisSchema } from '../../../../../src/shared/results/inventory-result'

beforeAll(() => loadSqlParser())

const view = (definition: string) => analyzeSql({ kind: 'view', language: null, definition })
const fn = (definition: string, language: string | null = null) =>
  analyzeSql({ kind: 'function', language, definition })

describe('pg_get_viewdef output', () => {
  it('reads casts, qualified columns and = ANY (ARRAY[…])', () => {
    const a = view(` SELECT couchdb.doc
   FROM couchdb
  WHERE ((couchdb.doc ->> 'type'::text) = ANY (ARRAY['contact'::text, 'clinic'::text, 'person'::text]));`)
    expect(a.relations).toEqual(['couchdb'])
    expect(a.jsonPaths).toEqual(['doc.type'])
    expect(a.filters).toEqual([{ path: 'type', values: ['clinic', 'contact', 'person'] }])
    expect(a.parseError).toBeNull()
    expect(a.manualReview).toBeNull()
  })

  it('reads #>> with a text[] constant and nested casts', () => {
    const a = view(` SELECT (doc ->> '_id'::text) AS uuid,
    to_timestamp(((((doc ->> 'reported_date'::text))::bigint)::numeric / 1000.0)) AS reported,
    (doc #>> '{contact,parent,_id}'::text[]) AS chw_area_uuid,
    (NULLIF((doc #>> '{fields,visit_date}'::text[]), ''::text))::date AS visit_date
   FROM public.couchdb
  WHERE (((doc ->> 'type'::text) = 'data_record'::text) AND ((doc #>> '{fields,visit_type}'::text[]) = ANY ('{home,facility}'::text[])));`)
    expect(a.relations).toEqual(['public.couchdb'])
    expect(a.jsonPaths).toEqual([
      'doc._id',
      'doc.contact.parent._id',
      'doc.fields.visit_date',
      'doc.fields.visit_type',
      'doc.reported_date',
      'doc.type',
    ])
    expect(a.filters).toEqual([
      { path: 'fields.visit_type', values: ['facility', 'home'] },
      { path: 'type', values: ['data_record'] },
    ])
  })

  it('reads a deparsed CTE and subquery without listing the CTE', () => {
    const a = view(` WITH last AS (
         SELECT DISTINCT ON (v.place_id) v.place_id, v.visit_date
           FROM formview_household_visit v
          ORDER BY v.place_id, v.reported DESC
        )
 SELECT hh.uuid, count(last.place_id) AS visited
   FROM (contactview_household hh
     LEFT JOIN last ON ((last.place_id = hh.uuid)))
  GROUP BY hh.uuid;`)
    expect(a.relations).toEqual(['contactview_household', 'formview_household_visit'])
    expect(a.functions).toEqual([])
  })

  it('accepts the CREATE statement forms too', () => {
    const sql = `SELECT doc->>'_id' AS id FROM couchdb_users_meta WHERE doc->>'type' = 'feedback'`
    for (const definition of [
      `CREATE VIEW v AS ${sql}`,
      `CREATE OR REPLACE VIEW public.v AS ${sql}`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS v AS ${sql} WITH NO DATA`,
    ]) {
      const a = analyzeSql({ kind: 'materialized_view', language: null, definition })
      // The view's own name is what it creates, not what it reads.
      expect(a.relations).toEqual(['couchdb_users_meta'])
      expect(a.filters).toEqual([{ path: 'type', values: ['feedback'] }])
    }
  })
})

describe('names', () => {
  it('keeps odd identifiers as PostgreSQL stores them', () => {
    const a = view(`CREATE VIEW "Weird View" AS
      SELECT "ñandú"."Doc"->>'Type' AS t, "Get Data"(1), public."Ünïcode"()
      FROM "select" s
      JOIN "ñandú" ON true
      JOIN "My Schema"."Tabla Ñ" x ON true
      JOIN MixedCase m ON true
      WHERE "ñandú"."Doc"->>'Type' = 'X'`)
    expect(a.relations).toEqual(['My Schema.Tabla Ñ', 'mixedcase', 'select', 'ñandú'])
    expect(a.functions).toEqual(['Get Data', 'public.Ünïcode'])
    expect(a.jsonPaths).toEqual(['Doc.Type'])
    expect(a.filters).toEqual([{ path: 'Type', values: ['X'] }])
  })

  it('leaves out the catalogue and well-known built-ins, keeps the deployment’s functions', () => {
    const a = view(`SELECT count(*), pg_catalog.lower(x), date_trunc('month', now()),
        extract(year FROM now()), substring(x FROM 'a'), age_in_months(d, current_date),
        public.get_telemetry_date(a, b, c, d)
      FROM pg_catalog.pg_class c, information_schema.tables t, form_metadata`)
    expect(a.relations).toEqual(['form_metadata'])
    expect(a.functions).toEqual(['age_in_months', 'public.get_telemetry_date'])
    expect(a.references).toEqual(['age_in_months', 'form_metadata', 'public.get_telemetry_date'])
  })

  it('hides a CTE name only where the CTE is in scope', () => {
    const a = view(`SELECT * FROM (WITH t AS (SELECT 1 FROM base) SELECT * FROM t) x
      JOIN t ON true
      JOIN (WITH RECURSIVE r AS (SELECT 1 UNION ALL SELECT 1 FROM r) SELECT * FROM r) y ON true`)
    expect(a.relations).toEqual(['base', 't'])
  })
})

describe('functions', () => {
  it('analyses a quoted SQL body with several statements', () => {
    const a = fn(`CREATE OR REPLACE FUNCTION public.touch(p_id text)
 RETURNS void
 LANGUAGE sql
AS $function$
  UPDATE audit SET seen = now() WHERE id = p_id;
  INSERT INTO audit_log SELECT p_id, doc->>'type' FROM couchdb WHERE doc->>'_id' = p_id;
$function$`)
    expect(a.relations).toEqual(['audit', 'audit_log', 'couchdb'])
    expect(a.jsonPaths).toEqual(['doc._id', 'doc.type'])
    expect(a.manualReview).toBeNull()
  })

  it('analyses a BEGIN ATOMIC body and a RETURN body', () => {
    const atomic = fn(`CREATE OR REPLACE FUNCTION public.count_reports(p_form text)
 RETURNS bigint
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT count(*) AS count
    FROM form_metadata fm
   WHERE (fm.formname = count_reports.p_form);
 SELECT helper(1) FROM other_table;
END`)
    expect(atomic.relations).toEqual(['form_metadata', 'other_table'])
    expect(atomic.functions).toEqual(['helper'])
    const returned = fn(`CREATE FUNCTION add_one(a int) RETURNS int LANGUAGE sql
      RETURN a + helper(a)`)
    expect(returned.functions).toEqual(['helper'])
  })

  it('names other languages without analysing them', () => {
    const c = fn(
      `CREATE OR REPLACE FUNCTION public.sum_c(integer) RETURNS integer
 LANGUAGE c STRICT AS '$libdir/sum', $function$sum_c$function$`,
      'c',
    )
    expect(c.manualReview).toBe('Written in c: not analysed.')
    expect(c.references).toEqual([])
    expect(c.parseError).toBeNull()
    const py = fn(
      `CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$`,
      'plpython3u',
    )
    expect(py.manualReview).toBe('Written in plpython3u: not analysed.')
  })

  it('reads procedures like functions', () => {
    const a = analyzeSql({
      kind: 'procedure',
      language: 'plpgsql',
      definition: `CREATE OR REPLACE PROCEDURE public.archive()
 LANGUAGE plpgsql
AS $procedure$
BEGIN
  INSERT INTO archive_table SELECT * FROM staging;
  COMMIT;
END
$procedure$`,
    })
    expect(a.relations).toEqual(['archive_table', 'staging'])
    expect(a.manualReview).toMatch(/^PL\/pgSQL: 1 query read from its body/)
  })
})

describe('what it does not analyse', () => {
  it('gives other kinds an empty analysis', () => {
    for (const kind of ['table', 'index', 'trigger', 'sequence', 'extension'] as const) {
      expect(analyzeSql({ kind, language: null, definition: 'CREATE TABLE t (a int)' })).toEqual({
        jsonPaths: [],
        filters: [],
        references: [],
        manualReview: null,
        parseError: null,
        relations: [],
        functions: [],
      })
    }
  })

  it('returns the parser’s message instead of throwing', () => {
    const a = view('SELEC * FROM couchdb')
    expect(a.parseError).toBe('syntax error at or near "SELEC"')
    expect(a.references).toEqual([])
    expect(a.manualReview).toBeNull()
    const body = fn(`CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELEC 1 $$`)
    expect(body.parseError).toMatch(/syntax error/)
    const pl = fn(`CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETRN 1; END $$`)
    expect(pl.parseError).toMatch(/syntax error/)
    expect(() => sqlAnalysisSchema.parse(pl)).not.toThrow()
  })

  it('refuses definitions above the bound', () => {
    const long = `SELECT 1 FROM t WHERE a = '${'x'.repeat(MAX_ANALYSED_CHARS)}'`
    const a = view(long)
    expect(a.parseError).toMatch(/too long/)
    expect(a.relations).toEqual([])
  })
})

describe('relationsOfStatement', () => {
  it('reads pg_stat_statements texts with placeholders', () => {
    expect(
      relationsOfStatement(
        'SELECT f.chw, count(*) FROM form_metadata f JOIN contactview_chw c ON c.uuid = f.chw ' +
          'WHERE f.formname = $1 AND f.reported > $2 GROUP BY 1',
      ),
    ).toEqual(['contactview_chw', 'form_metadata'])
    expect(
      relationsOfStatement(
        'WITH x AS (SELECT * FROM public.useview_tasks WHERE state = $1) SELECT * FROM x, pg_class',
      ),
    ).toEqual(['pg_class', 'public.useview_tasks'])
    expect(relationsOfStatement('SELECT get_chw_scorecard($1)')).toEqual([])
  })

  it('is null when the text does not parse', () => {
    // Cut short but still a statement: `rep` is a column.
    expect(relationsOfStatement('SELECT * FROM form_metadata WHERE formname = $1 AND rep')).toEqual(
      ['form_metadata'],
    )
    expect(relationsOfStatement('SELECT * FROM form_metadata WHERE (formname = $1')).toBeNull()
    expect(relationsOfStatement('')).toBeNull()
  })
})
