import pg from 'pg'

/**
 * Quotes an identifier (schema, table, column) with the driver's helper (SEC-12): a hostile name
 * stays a name. Never concatenate raw names into SQL; values travel as parameters.
 */
export const ident = (name: string): string => pg.escapeIdentifier(name)

/** `"schema"."table"`, both parts quoted. */
export const qualified = (schema: string, table: string): string =>
  `${ident(schema)}.${ident(table)}`
