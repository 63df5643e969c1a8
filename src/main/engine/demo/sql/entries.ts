import type { DemoObjectReader, DemoSqlObject, InstallPhase } from './types'

interface EntryInput {
  purpose: string
  dependsOn: string[]
  readBy: DemoObjectReader
  sql: string
  parsesCleanly?: boolean
}

const entry =
  (kind: 'view' | 'matview' | 'function' | 'table') =>
  (name: string, input: EntryInput): DemoSqlObject => ({
    name,
    kind,
    purpose: input.purpose,
    dependsOn: input.dependsOn,
    readBy: input.readBy,
    parsesCleanly: input.parsesCleanly ?? true,
    phase: 'objects',
    sql: input.sql,
  })

/** A view created once the data is loaded. */
export const viewEntry = entry('view')
/** A materialized view, populated when created. */
export const matviewEntry = entry('matview')
/** A SQL or plpgsql function. */
export const functionEntry = entry('function')
/** A table created from a query (a leftover copy), so after the data is loaded. */
export const tableAsEntry = entry('table')

interface IndexInput {
  /** `(column, …)` or `((expression))`, with an optional `WHERE …` after it. */
  definition: string
  purpose: string
  readBy: DemoObjectReader
  unique?: boolean
  phase?: InstallPhase
}

/** An index on `on`; matview indexes default to the `objects` phase, right after their view. */
export function indexEntry(name: string, on: string, input: IndexInput): DemoSqlObject {
  const unique = input.unique ? 'UNIQUE ' : ''
  return {
    name,
    kind: 'index',
    purpose: input.purpose,
    dependsOn: [on],
    readBy: input.readBy,
    parsesCleanly: true,
    phase: input.phase ?? 'objects',
    sql: `CREATE ${unique}INDEX IF NOT EXISTS ${name} ON ${on} ${input.definition}`,
  }
}
