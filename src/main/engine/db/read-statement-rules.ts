/**
 * The rules of the SQL gate (SEC-12) over a parse tree from PostgreSQL's own parser
 * (libpg-query): which statements are a single read, and, for the others, what was found in
 * words a person understands. Pure: no parser, no server.
 *
 * Accepted: one SELECT (with VALUES, TABLE, set operations and read-only CTEs) or an EXPLAIN of
 * one without ANALYZE. Refused, wherever they appear in the tree: SELECT INTO, INSERT, UPDATE,
 * DELETE and MERGE (data-modifying CTEs), locking clauses, and calls to functions with side
 * effects or access to the server's files and other sessions. Everything else at the top
 * (COPY, transaction control, SET/RESET, DO, CALL, LISTEN/NOTIFY, DDL…) is refused by name.
 */

type Node = Record<string, unknown>

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Functions refused by exact name, with why. */
const DENIED_FUNCTIONS: Record<string, string> = {
  pg_terminate_backend: 'ends other sessions',
  pg_cancel_backend: 'cancels other sessions’ queries',
  pg_reload_conf: 'reloads the server configuration',
  set_config: 'changes settings',
  pg_stat_file: 'reads the server’s files',
  pg_notify: 'sends a notification',
  nextval: 'advances a sequence',
  setval: 'sets a sequence',
  loread: 'reads a large object',
  lowrite: 'writes a large object',
  pg_rotate_logfile: 'is an administration function',
  pg_promote: 'is an administration function',
  pg_create_restore_point: 'is an administration function',
  pg_log_backend_memory_contexts: 'is an administration function',
  pg_import_system_collations: 'is an administration function',
  pg_wal_replay_pause: 'is an administration function',
  pg_wal_replay_resume: 'is an administration function',
  pg_replication_slot_advance: 'is an administration function',
  pg_sequence_last_value: 'reads sequence state beyond SELECT privileges',
}

/** Functions refused by the start of their name, with why. */
const DENIED_PREFIXES: [string, string][] = [
  ['dblink', 'opens a connection to another database'],
  ['lo_', 'reads or writes large objects'],
  ['pg_advisory', 'takes or releases an advisory lock'],
  ['pg_try_advisory', 'takes an advisory lock'],
  ['pg_read_', 'reads the server’s files'],
  ['pg_ls_', 'lists the server’s files'],
  ['pg_file_', 'writes the server’s files'],
  ['txid_current', 'assigns a transaction id'],
  ['pg_current_xact_id', 'assigns a transaction id'],
  ['query_to_xml', 'runs SQL text the gate cannot check'],
  ['cursor_to_xml', 'runs SQL text the gate cannot check'],
  ['pg_create_', 'is an administration function'],
  ['pg_drop_replication', 'is an administration function'],
  ['pg_copy_', 'is an administration function'],
  ['pg_replication_origin', 'is an administration function'],
  ['pg_logical_', 'is an administration function'],
  ['pg_switch_', 'is an administration function'],
  ['pg_backup_', 'is an administration function'],
  ['pg_start_backup', 'is an administration function'],
  ['pg_stop_backup', 'is an administration function'],
  ['pg_stat_reset', 'resets statistics'],
]

/** Why a function may not be called, or null when it may. Case-insensitive, schema ignored. */
export function deniedFunction(name: string): string | null {
  const lower = name.toLowerCase()
  const exact = DENIED_FUNCTIONS[lower]
  if (exact) return exact
  for (const [prefix, why] of DENIED_PREFIXES) if (lower.startsWith(prefix)) return why
  return null
}

const MODIFYING: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
}

const LOCKS: Record<string, string> = {
  LCS_FORUPDATE: 'FOR UPDATE',
  LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE',
  LCS_FORSHARE: 'FOR SHARE',
  LCS_FORKEYSHARE: 'FOR KEY SHARE',
}

/** Top-level statements that are not reads, named as a person typed them. */
const STATEMENT_NAMES: Record<string, string> = {
  CopyStmt: 'COPY',
  DoStmt: 'DO',
  CallStmt: 'CALL',
  ListenStmt: 'LISTEN',
  NotifyStmt: 'NOTIFY',
  UnlistenStmt: 'UNLISTEN',
  VariableShowStmt: 'SHOW (use current_setting() in a SELECT)',
  CreateTableAsStmt: 'CREATE TABLE … AS',
  CreateStmt: 'CREATE TABLE',
  DropStmt: 'DROP',
  TruncateStmt: 'TRUNCATE',
  AlterTableStmt: 'ALTER TABLE',
  GrantStmt: 'GRANT/REVOKE',
  LockStmt: 'LOCK',
  VacuumStmt: 'VACUUM/ANALYZE',
  DeclareCursorStmt: 'DECLARE CURSOR',
  FetchStmt: 'FETCH',
  ClosePortalStmt: 'CLOSE',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  DeallocateStmt: 'DEALLOCATE',
  DiscardStmt: 'DISCARD',
  LoadStmt: 'LOAD',
  CheckPointStmt: 'CHECKPOINT',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW',
  AlterSystemStmt: 'ALTER SYSTEM',
  ...MODIFYING,
}

const TRANSACTION_KINDS: Record<string, string> = {
  TRANS_STMT_BEGIN: 'BEGIN',
  TRANS_STMT_START: 'START TRANSACTION',
  TRANS_STMT_COMMIT: 'COMMIT',
  TRANS_STMT_ROLLBACK: 'ROLLBACK',
  TRANS_STMT_SAVEPOINT: 'SAVEPOINT',
  TRANS_STMT_RELEASE: 'RELEASE SAVEPOINT',
  TRANS_STMT_ROLLBACK_TO: 'ROLLBACK TO SAVEPOINT',
  TRANS_STMT_PREPARE: 'PREPARE TRANSACTION',
  TRANS_STMT_COMMIT_PREPARED: 'COMMIT PREPARED',
  TRANS_STMT_ROLLBACK_PREPARED: 'ROLLBACK PREPARED',
}

/** `CreateFunctionStmt` → `CREATE FUNCTION`, for statements without a name above. */
const fromNodeName = (type: string) =>
  type
    .replace(/Stmt$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toUpperCase()

function topLevelName(type: string, node: Node): string {
  if (type === 'TransactionStmt') {
    return `transaction control (${TRANSACTION_KINDS[String(node.kind)] ?? 'BEGIN/COMMIT'})`
  }
  if (type === 'VariableSetStmt') {
    if (node.kind === 'VAR_SET_MULTI') return 'transaction control (SET TRANSACTION)'
    const reset = String(node.kind).startsWith('VAR_RESET')
    const name = typeof node.name === 'string' ? ` ${node.name}` : ''
    return `${reset ? 'RESET' : 'SET'}${name}`
  }
  if (type === 'CopyStmt' && node.is_program === true) return 'COPY … PROGRAM'
  return STATEMENT_NAMES[type] ?? fromNodeName(type)
}

const READS = 'a single SELECT (or VALUES, TABLE, or EXPLAIN without ANALYZE)'

/**
 * True when an EXPLAIN option turns ANALYZE on (`ANALYZE`, `ANALYZE true`, `ANALYZE 1`…). The
 * parser gives the value as a `String` (`true`, `off`…), an `Integer` (`{}` for 0) or an
 * `A_Const`; anything not clearly false counts as on.
 */
function analyzes(options: unknown): boolean {
  if (!Array.isArray(options)) return false
  return options.some((option) => {
    const def = isNode(option) ? option.DefElem : null
    if (!isNode(def) || String(def.defname).toLowerCase() !== 'analyze') return false
    if (!isNode(def.arg)) return true
    const arg = isNode(def.arg.A_Const) ? def.arg.A_Const : def.arg
    const text = isNode(arg.String) ? arg.String.sval : isNode(arg.sval) ? arg.sval.sval : undefined
    if (text !== undefined) return !['false', 'off', 'no', '0'].includes(String(text).toLowerCase())
    const integer = isNode(arg.Integer) ? arg.Integer : isNode(arg.ival) ? arg.ival : null
    if (integer) return Number(integer.ival ?? 0) !== 0
    const bool = isNode(arg.Boolean) ? arg.Boolean : isNode(arg.boolval) ? arg.boolval : null
    if (bool) return bool.boolval === true
    return true
  })
}

/**
 * Why the parse tree of one SQL text is not a single read statement, or null when it is.
 * `stmts` is libpg-query's `ParseResult.stmts`.
 */
export function readRefusalOfTree(stmts: unknown[]): string | null {
  if (stmts.length === 0) return 'The SQL holds no statement.'
  if (stmts.length > 1) {
    return `Only one statement may be run at a time; this SQL holds ${stmts.length}.`
  }
  const raw = isNode(stmts[0]) ? stmts[0].stmt : null
  if (!isNode(raw)) return 'The SQL holds no statement.'
  const [type, node] = Object.entries(raw)[0] ?? ['', null]
  if (!isNode(node)) return 'The SQL holds no statement.'
  if (type === 'ExplainStmt') {
    if (analyzes(node.options)) {
      return 'EXPLAIN ANALYZE runs the statement; only EXPLAIN without ANALYZE is allowed.'
    }
    const query = isNode(node.query) ? node.query : {}
    const [inner] = Object.keys(query)
    if (inner !== 'SelectStmt') {
      return `Only ${READS} may be run: found EXPLAIN of ${topLevelName(inner ?? '', query)}.`
    }
    return refusalInside(query)
  }
  if (type !== 'SelectStmt') return `Only ${READS} may be run: found ${topLevelName(type, node)}.`
  return refusalInside(raw)
}

/**
 * Looks through the whole tree of an accepted statement kind, iteratively (a hostile, deeply
 * nested statement cannot exhaust the stack), for what would write, lock or have side effects.
 */
function refusalInside(root: Node): string | null {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item)
      continue
    }
    if (!isNode(value)) continue
    for (const [key, child] of Object.entries(value)) {
      const modifying = MODIFYING[key]
      if (modifying) {
        return `The query holds ${modifying} (a data-modifying statement); only reads may be run.`
      }
      if (key === 'intoClause' && child) {
        return 'SELECT … INTO creates a table; only reads may be run.'
      }
      if (key === 'lockingClause' && Array.isArray(child) && child.length > 0) {
        const clause =
          isNode(child[0]) && isNode(child[0].LockingClause) ? child[0].LockingClause : {}
        const lock = LOCKS[String(clause.strength)] ?? 'FOR UPDATE/SHARE'
        return `The query locks rows (${lock}); only plain reads may be run.`
      }
      if (key === 'FuncCall' && isNode(child)) {
        const parts = Array.isArray(child.funcname) ? child.funcname : []
        const last = parts[parts.length - 1]
        const name = isNode(last) && isNode(last.String) ? String(last.String.sval ?? '') : ''
        const why = deniedFunction(name)
        if (why) return `The query calls ${name}(), which ${why}; it may not be run here.`
      }
      stack.push(child)
    }
  }
  return null
}
