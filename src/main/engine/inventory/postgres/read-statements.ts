import type pg from 'pg'
import { isAppError } from '../../../../shared/result'
import { ident } from '../../db/identifiers'
import { readTransaction, type ReadOptions } from '../../db/read-transaction'
import { statementsSql } from './catalog-queries'
import type { RawExtension } from './read-catalog'

/** What `pg_stat_statements` told, with the relations each statement names once analysed. */
export interface StatementsRead {
  state: 'installed' | 'not-installed' | 'no-access'
  /** Why the statements could not be read, for the log and the summary. */
  note: string | null
  entries: { query: string; calls: number; relations: string[] }[]
}

const HIDDEN = '<insufficient privilege>'

/**
 * Reads the most called `pg_stat_statements` entries of this database, in a transaction of its
 * own (an error there, such as the module not being preloaded, must not end the catalog read).
 * Entries of other users the session may not see are skipped; when it may see none, the state is
 * `no-access`.
 */
export async function readStatements(
  pool: pg.Pool,
  options: ReadOptions,
  extensions: readonly RawExtension[],
): Promise<{
  state: StatementsRead['state']
  note: string | null
  texts: { query: string; calls: number }[]
}> {
  const extension = extensions.find((e) => e.name === 'pg_stat_statements')
  if (!extension) return { state: 'not-installed', note: null, texts: [] }
  try {
    const rows = await readTransaction(
      pool,
      options,
      async (tx) =>
        (await tx.query<{ query: string; calls: number }>(statementsSql(ident(extension.schema))))
          .rows,
    )
    const visible = rows.filter((r) => typeof r.query === 'string' && r.query !== HIDDEN)
    if (rows.length > 0 && visible.length === 0) {
      return {
        state: 'no-access',
        note: 'pg_stat_statements hides other users’ statements from this user (grant it pg_read_all_stats to see them).',
        texts: [],
      }
    }
    return {
      state: 'installed',
      note: null,
      texts: visible.map((r) => ({ query: String(r.query), calls: Number(r.calls) || 0 })),
    }
  } catch (e) {
    if (isAppError(e) && e.code === 'CANCELLED') throw e
    const message = e instanceof Error ? e.message : String(e)
    return {
      state: 'no-access',
      note: `pg_stat_statements is installed but could not be read: ${message.slice(0, 300)}`,
      texts: [],
    }
  }
}
